package dev.highlights.launcher;

import dev.highlights.launcher.eval.Detection;
import dev.highlights.launcher.eval.EvalMetrics;
import dev.highlights.launcher.eval.EvalReport;
import dev.highlights.launcher.eval.EvalResult;
import dev.highlights.launcher.eval.Label;
import dev.highlights.launcher.eval.TruthFile;
import dev.highlights.launcher.eval.VodInput;
import dev.highlights.samples.EvalSet;
import dev.highlights.samples.EvalSets;
import dev.highlights.samples.SampleVodFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./highlights eval}: runs labelled VODs through the real pipeline (one stack for the set) and scores the
 * highlights against their labels: event and second precision, recall and F1, the non-highlights that were reported,
 * and the chat lag. Writes per VOD the usual highlights.json and report.html, a copy of its truth and the inputs the
 * rules were fed (for replaying them offline), and eval.json with every figure.
 */
@Command(name = "eval", description = "score the highlights of labelled VODs: a generated set (--set) or your own folders")
final class EvalCommand implements Callable<Integer> {
    static final String TRUTH_FILE = "truth.json";
    static final String INPUTS_DIR = "inputs";

    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--set", paramLabel = "NAME",
            description = "a labelled set made by the sample generator: tuning, held-out or regression (generated on first"
                    + " use into .highlights/eval)")
    private String set;

    @Option(names = "--vod", paramLabel = "NAME", description = "with --set: only this VOD of the set (repeatable)")
    private List<String> only = new ArrayList<>();

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "VOD folders, each holding one video file, its chat export and truth.json (a sample truth or"
                    + " a JSON list of {start, end, kind}, kind 'highlight' or a named non-highlight)")
    private List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "highlights-out/eval",
            description = "where the per-VOD results and eval.json go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "VODs of a set generated at once (default: ${DEFAULT-VALUE})")
    private int jobs;

    @Option(names = "--live", description = "air each VOD as a live stream (HLS at real time, its chat sent at the "
            + "pace it was sent), all at once, and also report how soon each labelled highlight was shown and closed")
    private boolean live;

    @Option(names = "--segment-sec", paramLabel = "N", defaultValue = "2",
            description = "with --live: the HLS segment duration, seconds (default: ${DEFAULT-VALUE})")
    private int segmentSec;

    @Option(names = "--chat-over", paramLabel = "PATH", defaultValue = "rest",
            description = "with --live: how the chat reaches ingest: rest (pushed to its API) or irc (said on a local "
                    + "ngircd channel that ingest reads; no Twitch tags) (default: ${DEFAULT-VALUE})")
    private LiveReplay.ChatPath chatPath;

    @Option(names = "--timeout-minutes", paramLabel = "N", defaultValue = "120",
            description = "give up on a VOD after this long (default: ${DEFAULT-VALUE})")
    private long timeoutMinutes;

    /** One VOD to score: where its files are. */
    record LabelledFiles(String name, Path video, Path chat, Path truth) {
    }

    @Override
    public Integer call() throws Exception {
        if ((set == null) == dirs.isEmpty()) {
            throw new UsageException("eval takes either --set NAME or VOD folders");
        }
        if (set == null && !only.isEmpty()) {
            throw new UsageException("--vod picks VODs of a --set");
        }
        if (!live && (segmentSec != 2 || chatPath != LiveReplay.ChatPath.REST)) {
            throw new UsageException("--segment-sec and --chat-over shape a live replay: add --live");
        }
        if (segmentSec < 1 || segmentSec > 30) {
            throw new UsageException("--segment-sec takes 1 to 30 seconds");
        }
        List<LabelledFiles> vods = set != null ? generated() : dirs.stream().map(EvalCommand::folder).toList();
        Path out = outDir.toAbsolutePath().normalize();
        List<VodInput> inputs = new ArrayList<>();
        if (live) {
            return live(vods, out);
        }
        new LocalRun(cli).withStack(vods.stream().map(v -> v.video().getParent()).distinct().toList(), pipeline -> {
            for (LabelledFiles vod : vods) {
                Path dir = out.resolve(vod.name());
                List<Report.Label> labels = TruthFile.read(vod.truth()).labels().stream()
                        .map(l -> new Report.Label(l.start(), l.end(), l.kind())).toList();
                VodJob.Result result = new VodJob(pipeline, cli.out(), cli.terminal()).run(vod.name(),
                        vod.video().toUri(), vod.chat() == null ? null : vod.chat().toUri(), dir,
                        Duration.ofMinutes(timeoutMinutes), labels);
                Files.copy(vod.truth(), dir.resolve(TRUTH_FILE), StandardCopyOption.REPLACE_EXISTING);
                InputCapture.write(pipeline.bootstrapServers(), pipeline.schemaRegistryUrl(), result.vodId(),
                        dir.resolve(INPUTS_DIR));
                List<Detection> detections = result.highlights().stream()
                        .map(h -> new Detection(h.startSec(), h.endSec(), h.chatLagSec())).toList();
                inputs.add(new VodInput(vod.name(), TruthFile.read(vod.truth(), result.durationSec()), detections, null));
                cli.out().printf("%s: %d highlights%n", vod.name(), detections.size());
            }
        });
        return report(inputs, out);
    }

    private int report(List<VodInput> inputs, Path out) throws IOException {
        EvalResult result = EvalMetrics.evaluateAll(inputs);
        cli.out().println();
        cli.out().print(EvalReport.table(result));
        Files.createDirectories(out);
        Path json = out.resolve("eval.json");
        Files.writeString(json, EvalReport.json(result));
        cli.out().println("wrote " + json);
        return 0;
    }

    /** {@code --live}: every VOD aired at once as a live stream, scored when its stream ended, plus latency. */
    private int live(List<LabelledFiles> vods, Path out) throws Exception {
        Path air = out.resolve("air");
        Files.createDirectories(air);
        List<Path> roots = new ArrayList<>(vods.stream().map(v -> v.video().getParent()).distinct().toList());
        roots.add(air);
        List<VodInput> inputs = new ArrayList<>();
        List<Double> firstLatencies = new ArrayList<>();
        List<Double> closedLatencies = new ArrayList<>();
        int[] missed = {0};
        int[] withinGoal = {0};
        // Chat over IRC comes from a local server: ingest may reach loopback for it.
        List<String> allowedHosts = chatPath == LiveReplay.ChatPath.IRC ? List.of("127.0.0.1") : List.of();
        new LocalRun(cli).withStack(roots, allowedHosts, () -> { }, pipeline -> {
            ExecutorService streams = Executors.newFixedThreadPool(vods.size());
            try {
                List<Future<LiveReplay.Result>> running = new ArrayList<>();
                for (LabelledFiles vod : vods) {
                    List<Label> labels = TruthFile.read(vod.truth()).labels();
                    List<Report.Label> reportLabels = labels.stream()
                            .map(l -> new Report.Label(l.start(), l.end(), l.kind())).toList();
                    running.add(streams.submit(() -> new LiveReplay(pipeline, cli.out(), segmentSec, chatPath)
                            .run(vod.name(), vod.video(), vod.chat(), air.resolve(vod.name()), out.resolve(vod.name()),
                                    labels, reportLabels)));
                }
                for (int i = 0; i < vods.size(); i++) {
                    LabelledFiles vod = vods.get(i);
                    LiveReplay.Result r = running.get(i).get();
                    Files.copy(vod.truth(), out.resolve(vod.name()).resolve(TRUTH_FILE),
                            StandardCopyOption.REPLACE_EXISTING);
                    List<Detection> detections = r.job().highlights().stream()
                            .map(h -> new Detection(h.startSec(), h.endSec(), h.chatLagSec())).toList();
                    inputs.add(new VodInput(vod.name(), TruthFile.read(vod.truth(), r.job().durationSec()), detections,
                            null));
                    r.latency().forEach((label, l) -> {
                        if (l.firstSec() == null) {
                            missed[0]++;
                            return;
                        }
                        firstLatencies.add(l.firstSec());
                        if (l.closedSec() != null) {
                            closedLatencies.add(l.closedSec());
                        }
                        double lag = label.chatLagSec() == null ? 0 : label.chatLagSec();
                        if (l.firstSec() <= segmentSec + lag + 3) {
                            withinGoal[0]++;
                        }
                    });
                    cli.out().printf("%s: %d highlights%n", vod.name(), detections.size());
                }
            } finally {
                streams.shutdownNow();
            }
        });
        report(inputs, out);
        cli.out().printf(Locale.ROOT, "live latency (%d s segments, chat over %s), from a labelled highlight's end on air:"
                        + " first revision %s, closing revision %s; %d never shown; %d of %d within segment duration +"
                        + " chat lag + 3 s%n", segmentSec, chatPath.name().toLowerCase(Locale.ROOT),
                spread(firstLatencies), spread(closedLatencies), missed[0], withinGoal[0], firstLatencies.size());
        return 0;
    }

    /** "median M s, max X s over N" of latencies. */
    private static String spread(List<Double> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "median %.1f s, max %.1f s over %d", sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    private List<LabelledFiles> generated() throws IOException {
        EvalSet labelled = EvalSets.byName(set);
        if (!only.isEmpty()) {
            labelled = labelled.only(only);
        }
        cli.out().printf("set %s: %d VODs, %d min (generated on first use)%n", labelled.name(), labelled.vods().size(),
                labelled.totalSec() / 60);
        List<SampleVodFiles> files = labelled.ensure(cli.home().resolve(".highlights/eval"), jobs, cli.out()::println);
        List<LabelledFiles> vods = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SampleVodFiles f = files.get(i);
            vods.add(new LabelledFiles(labelled.vods().get(i).name(), f.video(), f.chat(), f.truth()));
        }
        return vods;
    }

    /** A user's VOD folder: truth.json, one video file and at most one chat export. */
    static LabelledFiles folder(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Path truth = d.resolve(TRUTH_FILE);
        if (!Files.isRegularFile(truth)) {
            throw new UsageException(d + " has no " + TRUTH_FILE);
        }
        List<Path> videos = filesIn(d, "(?i).*\\.(mp4|mkv|webm|mov|flv|ts|m3u8)$");
        if (videos.size() != 1) {
            throw new UsageException(d + " needs exactly one video file (mp4, mkv, webm, mov, flv, ts or m3u8), found "
                    + videos.size());
        }
        List<Path> chats = filesIn(d, "(?i).*chat.*\\.(json|log|txt)(\\.gz)?$");
        if (chats.size() > 1) {
            throw new UsageException(d + " has more than one chat file: " + chats);
        }
        return new LabelledFiles(d.getFileName().toString(), videos.get(0), chats.isEmpty() ? null : chats.get(0), truth);
    }

    private static List<Path> filesIn(Path dir, String regex) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(regex)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
