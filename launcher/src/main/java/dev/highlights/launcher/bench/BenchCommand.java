package dev.highlights.launcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./highlights bench}: measures the whole pipeline on the embedded stack against the physical floors, measured in the same
 * run on the same files.
 *
 * <p>For the short sample, then the long one: generates (or reuses, under {@code .highlights/bench/}) a 720p30 sample
 * with 100k chat messages per hour ({@link BenchSample}); measures the video floor (N parallel single-threaded ffmpeg
 * decoders on equal slices) and the audio floor; starts a fresh embedded pipeline (start-up timed); submits the VOD
 * and waits for its final summary; reads CPU time and peak RSS of every process from {@code /proc}, the stages'
 * completion times from {@code pipeline-status}, and measures the broker floor (a raw produce and consume of as many
 * records as the chat had, of the same size) on the same broker. On the short run it records a JFR profile of one
 * service ({@code --profile}, default video) and summarises it. On the long run's stack it then submits the same VOD
 * again (warm), runs each stage alone ({@link StageAlone}: video-only, audio-only and chat-only inputs) and measures live latency
 * ({@link LiveLatency}; {@code --live-seconds 0} skips it). Writes {@code DIR/bench.md} after each step, prints
 * the same to {@code out}.
 */
@Command(name = "bench", description = {"measure every stage against its floor (10-15 min on 2 cores)",
        "Generates a 1-hour 720p30 sample with 100k+ chat messages, measures the decode and broker floors, the whole "
                + "pipeline (cold and warm) and each stage alone, and writes DIR/bench.md."})
public final class BenchCommand implements Callable<Integer> {
    /** The service whose JFR profile the short run records (named as typed on the command line). */
    enum Profile { video, audio, chat, fusion, ingest, none }

    /** What bench takes from the command above it (the launcher), without depending on it. */
    public interface Host {
        Path home();

        PrintStream out();
    }

    @ParentCommand
    private Host cli;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "60",
            description = "the long sample's length (default: ${DEFAULT-VALUE})")
    private double minutes;

    @Option(names = "--short-minutes", paramLabel = "N", defaultValue = "10",
            description = "the short sample's length, run first (default: ${DEFAULT-VALUE}; 0: none)")
    private double shortMinutes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".highlights/bench/out",
            description = "where bench.md, the JFR files and the logs go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(names = "--profile", paramLabel = "video|audio|chat|fusion|ingest|none", defaultValue = "video",
            description = "the service profiled with JFR on the short run (default: ${DEFAULT-VALUE})")
    private Profile profile;

    @Option(names = "--live-seconds", paramLabel = "N", defaultValue = "100",
            description = "how long the live-latency check streams (default: ${DEFAULT-VALUE}; 0: skip it)")
    private int liveSeconds;

    @Option(names = "--encode", paramLabel = "ultrafast|stream", defaultValue = "ultrafast",
            description = "the sample's video encode: ultrafast (every picture a reference, the bench's media since "
                    + "the first run) or stream (x264 veryfast with B-frames, as streams are sent) "
                    + "(default: ${DEFAULT-VALUE})")
    private BenchSample.Encode encode;

    @Option(names = "--cores", paramLabel = "N", description = "parallel decoders of the video floor (default: the "
            + "available processors)")
    private int cores = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        return run(cli.home(), cli.out());
    }

    private int run(Path home, PrintStream out) throws Exception {
        Path outDir = this.outDir.toAbsolutePath().normalize();
        String profiledService = profile == Profile.none ? null : profile.name();
        Files.createDirectories(outDir);
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", outDir.resolve("launcher.log").toString());
        }
        List<Integer> durations = new ArrayList<>();
        if (shortMinutes > 0 && shortMinutes < minutes) {
            durations.add((int) Math.round(shortMinutes * 60));
        }
        durations.add((int) Math.round(minutes * 60));
        Path benchDir = home.resolve(".highlights/bench");
        Files.createDirectories(benchDir);

        StringBuilder doc = new StringBuilder();
        doc.append("## `./highlights bench` ").append(Instant.now()).append("\n\n")
                .append(String.format(Locale.ROOT, "%d cores, %s %s, Java %s. Floors measured in the same run, on the same file; "
                                + "ratios are measured / floor (lower is better).%n%n", cores, System.getProperty("os.name"),
                        System.getProperty("os.arch"), System.getProperty("java.version")));
        List<BenchReport.Sample> samples = new ArrayList<>();
        for (int i = 0; i < durations.size(); i++) {
            int durationSec = durations.get(i);
            out.printf("== %s sample ==%n", BenchReport.label(durationSec));
            BenchSample.BenchFiles files = BenchSample.ensure(benchDir, encode, durationSec, out);
            out.println("  " + BenchSample.describe(files) + (files.generated()
                    ? String.format(Locale.ROOT, " (generated in %.1f s)", files.elapsedSec()) : " (cached)"));
            double media = BenchSample.probeDuration(files.video());
            out.println("  measuring the floors");
            String loadBefore = loadAverage();
            Floors.Measured videoFloor = Floors.videoFloor(files.video(), media, cores);
            Floors.Measured audioFloor = Floors.audioFloor(files.video());
            out.printf(Locale.ROOT, "  video floor %.1f s (%.1f CPU s), audio floor %.1f s%n", videoFloor.wallSec(),
                    videoFloor.cpuSec(), audioFloor.wallSec());
            PipelineBench.Result result = PipelineBench.run(home, files, i == 0 ? profiledService : null, outDir,
                    i == durations.size() - 1 ? liveSeconds : 0, i == durations.size() - 1, out);
            Floors.Measured videoFloorAfter = Floors.videoFloor(files.video(), media, cores);
            out.printf(Locale.ROOT, "  video floor after the run %.1f s (%.1f CPU s)%n", videoFloorAfter.wallSec(),
                    videoFloorAfter.cpuSec());
            BenchReport.Sample sample = new BenchReport.Sample(durationSec, files.messages(), encode,
                    new BenchReport.FloorSet(media, cores, videoFloor, videoFloorAfter, audioFloor, loadBefore, loadAverage()),
                    result);
            samples.add(sample);
            String section = BenchReport.sample(sample);
            if (result.jfr() != null && Files.isRegularFile(result.jfr())) {
                section += "Where " + profiledService + "-service's time goes (JFR `settings=profile`, "
                        + result.jfr().getFileName() + "):\n\n" + JfrSummary.markdown(JfrSummary.read(result.jfr()), 15)
                        + "\n";
            }
            if (result.live() != null) {
                section += LiveLatency.markdown(result.live());
            }
            doc.append(section);
            out.println();
            out.print(section);
            write(outDir, doc);
        }
        if (samples.size() == 2) {
            String memory = BenchReport.memoryFlat(samples.get(0), samples.get(1));
            doc.append(memory);
            out.print(memory);
            write(outDir, doc);
        }
        out.println("wrote " + outDir.resolve("bench.md"));
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void write(Path outDir, CharSequence doc) throws IOException {
        Files.writeString(outDir.resolve("bench.md"), doc);
    }
}
