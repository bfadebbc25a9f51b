package dev.highlights.launcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./highlights bench [--minutes 60] [--short-minutes 10] [--out DIR] [--profile video|audio|chat|fusion|ingest|none]
 * [--cores N] [--live-seconds 100]}: measures the whole pipeline on the embedded stack against the physical floors, measured in the same
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
public final class BenchCommand {

    private BenchCommand() {
    }

    public static int run(Map<String, List<String>> options, PrintStream out) throws Exception {
        double minutes = Double.parseDouble(single(options, "minutes", "60"));
        double shortMinutes = Double.parseDouble(single(options, "short-minutes", "10"));
        Path outDir = Path.of(single(options, "out", ".highlights/bench/out")).toAbsolutePath().normalize();
        String profile = single(options, "profile", "video");
        int liveSeconds = Integer.parseInt(single(options, "live-seconds", "100"));
        int cores = Integer.parseInt(single(options, "cores", Integer.toString(Runtime.getRuntime().availableProcessors())));
        Path home = Path.of(System.getProperty("highlights.home", ".")).toAbsolutePath().normalize();
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
            BenchSample.BenchFiles files = BenchSample.ensure(benchDir, durationSec, out);
            out.println("  " + BenchSample.describe(files) + (files.generated()
                    ? String.format(Locale.ROOT, " (generated in %.1f s)", files.elapsedSec()) : " (cached)"));
            double media = BenchSample.probeDuration(files.video());
            out.println("  measuring the floors");
            String loadBefore = loadAverage();
            Floors.Measured videoFloor = Floors.videoFloor(files.video(), media, cores);
            Floors.Measured audioFloor = Floors.audioFloor(files.video());
            out.printf(Locale.ROOT, "  video floor %.1f s (%.1f CPU s), audio floor %.1f s%n", videoFloor.wallSec(),
                    videoFloor.cpuSec(), audioFloor.wallSec());
            boolean profileThis = !"none".equals(profile) && i == 0;
            PipelineBench.Result result = PipelineBench.run(home, files, profileThis ? profile : null, outDir,
                    i == durations.size() - 1 ? liveSeconds : 0, i == durations.size() - 1, out);
            Floors.Measured videoFloorAfter = Floors.videoFloor(files.video(), media, cores);
            out.printf(Locale.ROOT, "  video floor after the run %.1f s (%.1f CPU s)%n", videoFloorAfter.wallSec(),
                    videoFloorAfter.cpuSec());
            BenchReport.Sample sample = new BenchReport.Sample(durationSec, files.messages(),
                    new BenchReport.FloorSet(media, cores, videoFloor, videoFloorAfter, audioFloor, loadBefore, loadAverage()),
                    result);
            samples.add(sample);
            String section = BenchReport.sample(sample);
            if (result.jfr() != null && Files.isRegularFile(result.jfr())) {
                section += "Where " + profile + "-service's time goes (JFR `settings=profile`, " + result.jfr().getFileName()
                        + "):\n\n" + JfrSummary.markdown(JfrSummary.read(result.jfr()), 15) + "\n";
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

    private static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    /** {@code java -cp ... dev.highlights.launcher.bench.BenchCommand --minutes 10 ...} until the CLI wires {@code bench}. */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, List<String>> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        System.exit(run(options, System.out));
    }
}
