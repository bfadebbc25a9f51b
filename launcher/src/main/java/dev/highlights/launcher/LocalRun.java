package dev.highlights.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What {@code demo}, {@code run} and {@code up} share: the embedded pipeline on this machine, stopped by Ctrl-C. */
final class LocalRun {
    private final Path home;
    private final PrintStream out;
    private final boolean terminal;

    LocalRun(HighlightsCli cli) {
        this.home = cli.home();
        this.out = cli.out();
        this.terminal = cli.terminal();
    }

    /** Work done on a running stack. */
    interface StackWork {
        void run(EmbeddedPipeline pipeline) throws Exception;
    }

    /** Starts the stack, finds one VOD's highlights, prints and writes them, stops the stack. */
    int process(String title, URI media, URI chat, Path outDir, Duration timeout) throws Exception {
        List<Path> roots = files(media, chat).stream().map(Path::getParent).toList();
        RunningStack up = RunningStack.find(home);
        if (up != null && up.mayRead(files(media, chat))) {
            // No start-up to wait for: the stack of ./highlights up takes the VOD.
            out.println("using the stack of ./highlights up (REST API " + up.ingestUrl() + ")");
            finished(media, new VodJob(up, out, terminal).run(title, media, chat, outDir, timeout));
            return 0;
        }
        if (up != null) {
            out.println("./highlights up runs, but may not read " + files(media, chat) + " (its media roots: "
                    + up.mediaRoots() + "); starting a stack for this VOD");
        }
        withStack(roots, pipeline -> finished(media,
                new VodJob(pipeline, out, terminal).run(title, media, chat, outDir, timeout)));
        return 0;
    }

    /** The local files among a job's inputs. */
    private static List<Path> files(URI... uris) {
        List<Path> files = new ArrayList<>();
        for (URI uri : uris) {
            if (uri != null && "file".equals(uri.getScheme())) {
                files.add(Path.of(uri));
            }
        }
        return files;
    }

    /**
     * Starts the stack, follows one live stream until it ends (or Ctrl-C ends it), printing highlights as they come,
     * then prints and writes the final ones and stops the stack.
     */
    int processLive(String title, URI media, URI chatChannel, Path outDir, Duration timeout) throws Exception {
        List<Path> roots = new ArrayList<>();
        if ("file".equals(media.getScheme())) {
            roots.add(Path.of(media).getParent());
        }
        LiveJob[] job = new LiveJob[1];
        withStack(roots, () -> {
            if (job[0] != null) {
                job[0].endAndAwait(); // Ctrl-C: end the stream, write its report, then stop
            }
        }, pipeline -> {
            job[0] = new LiveJob(pipeline, out);
            finished(media, job[0].run(title, media, chatChannel, outDir, timeout));
        });
        return 0;
    }

    /** Prints a finished job's highlights and files, and remembers them for {@code clips}. */
    private void finished(URI media, VodJob.Result result) throws IOException {
        out.println();
        out.print(Report.table(result.highlights()));
        out.println();
        out.println("wrote " + result.json());
        out.println("wrote " + result.html());
        LastRun.save(home, media, result.json());
    }

    /**
     * Starts the stack with {@code mediaRoots} readable by ingest, does the work, stops the stack. Run data is removed
     * after success and kept, with the service logs, after a failure.
     */
    void withStack(List<Path> mediaRoots, StackWork work) throws Exception {
        withStack(mediaRoots, List.of(), () -> { }, work);
    }

    /** As {@link #withStack(List, StackWork)}; on Ctrl-C, {@code beforeStop} runs before the stack is stopped. */
    void withStack(List<Path> mediaRoots, Runnable beforeStop, StackWork work) throws Exception {
        withStack(mediaRoots, List.of(), beforeStop, work);
    }

    /** As {@link #withStack(List, Runnable, StackWork)}; ingest may also reach {@code allowedHosts} (internal ones). */
    void withStack(List<Path> mediaRoots, List<String> allowedHosts, Runnable beforeStop, StackWork work)
            throws Exception {
        Path dataDir = home.resolve(".highlights/runs/" + ProcessHandle.current().pid());
        redirectLauncherLog(dataDir);
        long startedAt = System.nanoTime();
        try (EmbeddedPipeline pipeline = start(new EmbeddedPipeline.Options(dataDir, false, mediaRoots, allowedHosts),
                beforeStop)) {
            out.printf("stack up in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
            work.run(pipeline);
        } catch (Exception e) {
            if (stopping(e)) {
                throw new EmbeddedPipeline.PipelineStoppedException();
            }
            out.println("logs kept in " + dataDir.resolve("logs"));
            throw e;
        }
        HighlightsCli.deleteRecursively(dataDir);
    }

    /** Starts the pipeline and makes sure Ctrl-C (or any JVM exit) stops every process it started. */
    EmbeddedPipeline start(EmbeddedPipeline.Options options) throws InterruptedException {
        return start(options, () -> { });
    }

    private EmbeddedPipeline start(EmbeddedPipeline.Options options, Runnable beforeStop) throws InterruptedException {
        EmbeddedPipeline pipeline = new EmbeddedPipeline(home, options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!pipeline.isClosed()) {
                beforeStop.run();
            }
            if (!pipeline.isClosed()) {
                out.println("\nstopping the services and the stack");
                pipeline.close();
            }
        }, "highlights-stop"));
        return pipeline.start(line -> out.println(line));
    }

    /** The stack logs through slf4j-simple; keep it out of the user's terminal. Set before the first logger. */
    static void redirectLauncherLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs/launcher.log").toString());
    }

    /** Whether an exception is only the consequence of Ctrl-C having stopped the pipeline under the job. */
    private static boolean stopping(Throwable e) {
        return e instanceof EmbeddedPipeline.PipelineStoppedException || e instanceof InterruptedException
                || isShuttingDown();
    }

    private static boolean isShuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
