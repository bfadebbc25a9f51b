package dev.highlights.launcher;

import dev.highlights.launcher.bench.BenchCommand;
import dev.highlights.launcher.sample.SampleSpec;
import dev.highlights.launcher.sample.SampleVod;
import dev.highlights.launcher.sample.SampleVodFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./highlights}: runs the pipeline on this machine.
 * <pre>
 *   demo [--out DIR]                                 the bundled sample (generated on first use), end to end
 *   run --video FILE|URL [--chat FILE] [--out DIR]   the same on your VOD and chat
 *   up [--media-root DIR]...                         the stack on the usual ports until Ctrl-C, for REST use
 *   clips [--out DIR]                                the last run's highlights cut into mp4 files
 * </pre>
 * Exit status: 0 done, 1 failed (the message says why), 2 bad usage.
 */
public final class HighlightsCli {
    static final String USAGE = """
            usage: ./highlights <command> [options]
              demo  [--out DIR]                                  run the bundled sample VOD end to end
              run   --video FILE|URL [--chat FILE] [--out DIR]   find the highlights of your VOD
                    [--title TEXT] [--timeout-minutes N]
              up    [--media-root DIR]...                        keep the stack running (REST on :8080) until Ctrl-C
              clips [--out DIR]                                  cut the last run's highlights into mp4 files
              push  --video FILE|URI [--chat FILE|URI] [--id ID] [--title T] [--channel C]
                    [--format avro|json] [--wait-seconds N]      send a VOD request to the vod-requests topic
              tail  [--vod ID] [--from-beginning true] [--timeout-seconds N]
                                                                 print highlights from the highlights topic
              bench [--minutes 60] [--short-minutes 10] [--out DIR] [--live-seconds 100]
                    [--profile video|audio|chat|fusion|ingest|none]  measure every stage against its floor
              push and tail take --bootstrap-servers, --schema-registry, --config client.properties and
              repeatable --property key=value (defaults localhost:9092 and http://localhost:8081).
            Outputs: DIR/highlights.json and DIR/report.html (DIR defaults to ./highlights-out).
            """;

    private final Path home;
    private final PrintStream out;
    private final boolean terminal;

    HighlightsCli(Path home, PrintStream out, boolean terminal) {
        this.home = home;
        this.out = out;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("highlights.home", ".")).toAbsolutePath().normalize();
        HighlightsCli cli = new HighlightsCli(home, System.out, System.console() != null);
        System.exit(cli.execute(args));
    }

    int execute(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, List<String>> options;
        try {
            options = parseOptions(args);
        } catch (IllegalArgumentException e) {
            System.err.println("highlights: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "demo" -> demo(options);
                case "run" -> run(options);
                case "up" -> up(options);
                case "clips" -> clips(options);
                case "push" -> PushCommand.run(options, out);
                case "tail" -> TailCommand.run(options, out);
                case "bench" -> BenchCommand.run(options, out);
                default -> {
                    System.err.println("highlights: unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            System.err.println("highlights: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (InterruptedException | EmbeddedPipeline.PipelineStoppedException e) {
            Thread.currentThread().interrupt();
            System.err.println("highlights: stopped");
            return 130;
        } catch (Exception e) {
            System.err.println("highlights: " + e.getMessage());
            return 1;
        }
    }

    private int demo(Map<String, List<String>> options) throws Exception {
        Path sampleDir = home.resolve(".highlights/sample");
        out.println("sample VOD in " + sampleDir + " (generated on first use: about 20 s)");
        SampleVodFiles sample = SampleVod.ensure(sampleDir, SampleSpec.defaults());
        if (sample.generated()) {
            out.printf("generated a %d s sample with %d chat messages in %.1f s%n", sample.spec().durationSec(),
                    sample.messages(), sample.elapsedMillis() / 1000.0);
        }
        return process("sample VOD", sample.video().toUri(), sample.chat().toUri(), outDir(options),
                Duration.ofMinutes(30));
    }

    private int run(Map<String, List<String>> options) throws Exception {
        String video = single(options, "video");
        if (video == null) {
            throw new UsageException("run needs --video FILE|URL");
        }
        URI media = toUri(video, "--video");
        String chat = single(options, "chat");
        URI chatUri = chat == null ? null : toUri(chat, "--chat");
        String title = single(options, "title");
        String timeout = single(options, "timeout-minutes");
        return process(title != null ? title : fileName(media), media, chatUri, outDir(options),
                Duration.ofMinutes(timeout == null ? 120 : Long.parseLong(timeout)));
    }

    private int process(String title, URI media, URI chat, Path outDir, Duration timeout) throws Exception {
        List<Path> roots = new ArrayList<>();
        for (URI uri : new URI[] {media, chat}) {
            if (uri != null && "file".equals(uri.getScheme())) {
                roots.add(Path.of(uri).getParent());
            }
        }
        Path dataDir = home.resolve(".highlights/runs/" + ProcessHandle.current().pid());
        redirectLauncherLog(dataDir);
        long startedAt = System.nanoTime();
        try (EmbeddedPipeline pipeline = startPipeline(new EmbeddedPipeline.Options(dataDir, false, roots))) {
            out.printf("stack up in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
            VodJob.Result result = new VodJob(pipeline, out, terminal).run(title, media, chat, outDir, timeout);
            out.println();
            out.print(Report.table(result.highlights()));
            out.println();
            out.println("wrote " + result.json());
            out.println("wrote " + result.html());
            LastRun.save(home, media, result.json());
        } catch (Exception e) {
            if (stopping(e)) {
                throw new EmbeddedPipeline.PipelineStoppedException();
            }
            out.println("logs kept in " + dataDir.resolve("logs"));
            throw e;
        }
        deleteRecursively(dataDir);
        return 0;
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

    private int up(Map<String, List<String>> options) throws Exception {
        List<Path> roots = new ArrayList<>();
        for (String root : options.getOrDefault("media-root", List.of(home.toString()))) {
            roots.add(Path.of(root).toAbsolutePath().normalize());
        }
        Path dataDir = home.resolve(".highlights/stack");
        redirectLauncherLog(dataDir);
        EmbeddedPipeline pipeline = startPipeline(new EmbeddedPipeline.Options(dataDir, true, roots));
        out.println("kafka " + pipeline.bootstrapServers() + "  schema registry " + pipeline.schemaRegistryUrl());
        pipeline.serviceUrls().forEach(url -> out.println(url));
        out.println("REST API: " + pipeline.ingestUrl() + "/api/vods (OpenAPI at /q/openapi); media roots " + roots);
        out.println("running until Ctrl-C; logs in " + dataDir.resolve("logs"));
        new CountDownLatch(1).await();
        return 0;
    }

    private int clips(Map<String, List<String>> options) throws Exception {
        LastRun last = LastRun.load(home);
        Path dir = options.containsKey("out") ? Path.of(single(options, "out")) : Path.of("highlights-clips");
        List<Path> written = ClipCutter.cut(last.media(), Report.readJson(last.highlightsJson()), dir);
        written.forEach(file -> out.println("wrote " + file));
        return 0;
    }

    /** Starts the pipeline and makes sure Ctrl-C (or any JVM exit) stops every process it started. */
    private EmbeddedPipeline startPipeline(EmbeddedPipeline.Options options) throws InterruptedException {
        EmbeddedPipeline pipeline = new EmbeddedPipeline(home, options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!pipeline.isClosed()) {
                out.println("\nstopping the services and the stack");
                pipeline.close();
            }
        }, "highlights-stop"));
        return pipeline.start(line -> out.println(line));
    }

    /** The stack logs through slf4j-simple; keep it out of the user's terminal. Set before the first logger. */
    private static void redirectLauncherLog(Path dataDir) throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs/launcher.log").toString());
    }

    private Path outDir(Map<String, List<String>> options) {
        String dir = single(options, "out");
        return Path.of(dir != null ? dir : "highlights-out").toAbsolutePath().normalize();
    }

    private static URI toUri(String value, String option) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return URI.create(value);
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + value + ": no such file");
        }
        return file.toUri();
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        return path == null || path.isEmpty() ? uri.toString() : path.substring(path.lastIndexOf('/') + 1);
    }

    private static String single(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    /** {@code --name value} pairs after the command. */
    static Map<String, List<String>> parseOptions(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Wrong arguments: exit status 2 with the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
