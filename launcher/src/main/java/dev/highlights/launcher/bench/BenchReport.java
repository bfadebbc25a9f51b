package dev.highlights.launcher.bench;

import static dev.highlights.launcher.bench.MarkdownTable.num;
import static dev.highlights.launcher.bench.MarkdownTable.ratio;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's Markdown: every figure beside its floor from the same run, the ratio and the goal of issue 12. */
final class BenchReport {

    /** The floors measured on one file just before the pipeline ran on it. */
    record FloorSet(double mediaSec, int cores, Floors.Measured videoBefore, Floors.Measured videoAfter,
                    Floors.Measured audio, String loadBefore, String loadAfter) {
        /** The video floor the ratios use: the mean of the measurements before and after the pipeline run. */
        double videoSec() {
            return (videoBefore.wallSec() + videoAfter.wallSec()) / 2;
        }

        /** CPU seconds of the video floor's decoders (mean of before and after): far less noisy than wall time. */
        double videoCpuSec() {
            return (videoBefore.cpuSec() + videoAfter.cpuSec()) / 2;
        }

        double audioSec() {
            return audio.wallSec();
        }
    }

    /** One sample's measurements. */
    record Sample(int durationSec, int messages, BenchSample.Encode encode, FloorSet floors, PipelineBench.Result run) {
    }

    private BenchReport() {
    }

    static String goal(double value, double limit, String text) {
        if (Double.isNaN(value)) {
            return text;
        }
        return text + (value <= limit ? " (met)" : String.format(Locale.ROOT, " (missed by %.0f%%)", 100 * (value / limit - 1)));
    }

    static String atLeast(double value, double limit, String text) {
        if (Double.isNaN(value)) {
            return text;
        }
        return text + (value >= limit ? " (met)" : String.format(Locale.ROOT, " (missed: %.1f%% of it)", 100 * value / limit));
    }

    static String seconds(double s) {
        return num(s) + " s";
    }

    static String mediaRate(double mediaSec, double wallSec) {
        return num(mediaSec / wallSec) + " media s/s";
    }

    static double cpuOf(PipelineBench.Result run, String process) {
        return run.usage().stream().filter(u -> u.name().equals(process)).mapToDouble(PipelineBench.Usage::runCpuSec)
                .findFirst().orElse(Double.NaN);
    }

    static String sample(Sample s) {
        PipelineBench.Result r = s.run();
        FloorSet f = s.floors();
        double media = f.mediaSec();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### %s sample: %.0f s of 720p30 H.264 (%s) + AAC, %,d chat messages%n%n",
                label(s.durationSec()), media, s.encode().description(), s.messages()));
        MarkdownTable t = new MarkdownTable("figure", "measured", "floor (same run)", "ratio", "goal");
        t.row("video floor: " + f.cores() + " x `ffmpeg -threads 1 -an -ss S -t T` on equal slices (mean of before and after)",
                seconds(f.videoSec()), mediaRate(media, f.videoSec()), "1.00x",
                "before " + seconds(f.videoBefore().wallSec()) + ", after " + seconds(f.videoAfter().wallSec())
                        + "; CPU " + seconds(f.videoCpuSec()));
        t.row("audio floor: `ffmpeg -vn -ac 1 -ar 16000 -f s16le -`", seconds(f.audioSec()), mediaRate(media, f.audioSec()),
                "1.00x", "");
        t.row("stack start-up (broker, registry, 5 service JVMs, all ready)", seconds(r.startupSec()), "-", "-", "");
        double e2e = r.endToEndSec();
        t.row("end to end, stack running: submission to final summary", seconds(e2e) + ", " + mediaRate(media, e2e),
                seconds(f.videoSec()) + " (video)", ratio(e2e / f.videoSec()),
                goal(e2e / f.videoSec(), 1.5, "<= 1.50x, aim 1.20x"));
        double withStart = e2e + r.startupSec();
        // What a user with one VOD waits for, start-up included, against a plain full decode of the file.
        t.row("end to end with start-up (as `./highlights run`)", seconds(withStart) + " (start-up "
                        + seconds(r.startupSec()) + ")", seconds(f.videoSec()) + " (video)", ratio(withStart / f.videoSec()),
                goal(withStart / f.videoSec(), 1.5, "<= 1.50x, aim 1.00x"));
        if (r.warm() != null) {
            double warm = r.warm().endToEndSec();
            t.row("end to end, warm stack: the same VOD again (another id) right after, JIT and heaps warm",
                    seconds(warm) + ", " + mediaRate(media, warm), seconds(f.videoSec()) + " (video)",
                    ratio(warm / f.videoSec()), goal(warm / f.videoSec(), 1.0, "<= 1.00x, aim 0.80x (`run` on a running `up`)"));
        }
        double video = r.stageSec("VIDEO");
        t.row("video stage: submission to VIDEO completed (shares the cores with audio)", seconds(video) + ", "
                + mediaRate(media, video), seconds(f.videoSec()), ratio(video / f.videoSec()), goal(video / f.videoSec(), 1.3, "<= 1.30x"));
        double audio = r.stageSec("AUDIO");
        t.row("audio stage: submission to AUDIO completed (shares the cores with video)", seconds(audio) + ", "
                + mediaRate(media, audio), seconds(f.audioSec()), ratio(audio / f.audioSec()), goal(audio / f.audioSec(), 1.5, "<= 1.50x"));
        double audioCpu = cpuOf(r, "audio");
        t.row("audio-service: media s per CPU s (real time per core)", num(media / audioCpu) + "x",
                num(media / f.audio().cpuSec()) + "x (ffmpeg CPU)", ratio(audioCpu / f.audio().cpuSec()),
                atLeast(media / audioCpu, 300, ">= 300x"));
        double videoCpu = cpuOf(r, "video");
        double allCpu = r.usage().stream().mapToDouble(PipelineBench.Usage::runCpuSec).sum();
        t.row("all processes' CPU s for the VOD vs the video floor's CPU s (load-independent)", seconds(allCpu),
                seconds(f.videoCpuSec()), ratio(allCpu / f.videoCpuSec()),
                "e2e >= " + seconds(allCpu / f.cores()) + " on " + f.cores() + " cores");
        if (r.warm() != null) {
            double warmCpu = r.warm().allCpuSec();
            t.row("all processes' CPU s for the warm VOD vs the video floor's CPU s", seconds(warmCpu),
                    seconds(f.videoCpuSec()), ratio(warmCpu / f.videoCpuSec()),
                    "video-service " + seconds(r.warm().cpuSec().getOrDefault("video", Double.NaN)));
        }
        t.row("video-service CPU s for the VOD vs the video floor's decoder CPU s", seconds(videoCpu),
                seconds(f.videoCpuSec()), ratio(videoCpu / f.videoCpuSec()), "");
        double chatActive = r.stageActiveSec("CHAT");
        Floors.BrokerFloor b = r.brokerFloor();
        t.row("chat stage: messages per wall s (first CHAT status to CHAT completed)", num(r.chatRecords() / chatActive) + " msg/s",
                num(b.records() / b.totalSec()) + " rec/s (broker round trip)", ratio(chatActive / b.totalSec()), "");
        double chatCpu = cpuOf(r, "chat");
        t.row("chat-service: messages per CPU s (whole JVM, idle polling included)", num(r.chatRecords() / chatCpu), "-", "-",
                atLeast(r.chatRecords() / chatCpu, 200_000, ">= 200,000 per core"));
        double fusionCpu = cpuOf(r, "fusion");
        t.row("fusion-service: fused seconds per CPU s (whole JVM, idle polling included)", num(media / fusionCpu), "-", "-",
                atLeast(media / fusionCpu, 100_000, ">= 100,000 per core"));
        double lastInput = Math.max(r.stageSec("VIDEO"), Math.max(r.stageSec("AUDIO"), r.stageSec("CHAT")));
        t.row("fusion tail: last input stage completed to final summary", seconds(e2e - lastInput), "-", "-", "");
        t.row("broker floor: " + String.format(Locale.ROOT, "%,d", b.records()) + " records of " + b.valueBytes()
                        + " B produced then consumed (1 partition)",
                seconds(b.totalSec()), String.format(Locale.ROOT, "produce %.2f s, consume %.2f s", b.produceSec(), b.consumeSec()),
                "1.00x", "");
        sb.append(t.render()).append('\n');
        sb.append("Load average (1, 5, 15 min) before the floors: ").append(f.loadBefore()).append("; after the run: ")
                .append(f.loadAfter()).append(" (other sessions share this machine).\n\n");

        MarkdownTable st = new MarkdownTable("stage", "first status event", "completed", "active", "count");
        for (String stage : PipelineBench.STAGES) {
            PipelineBench.StageTiming timing = r.stage(stage);
            if (timing == null) {
                st.row(stage, "-", "-", "-", "-");
                continue;
            }
            st.row(stage, "+" + num((timing.firstMs() - r.submittedMs()) / 1000.0) + " s",
                    timing.completedMs() > 0 ? "+" + num(r.stageSec(stage)) + " s" : "-", seconds(r.stageActiveSec(stage)),
                    timing.count());
        }
        sb.append("Stage timeline (pipeline-status timestamps, from submission):\n\n").append(st.render()).append('\n');

        sb.append(segments(r)).append('\n');
        MarkdownTable p = new MarkdownTable("process", "CPU s start-up", "idle CPU s per min", "CPU s for the VOD",
                "of which idle-rate x wall", "CPU s per media hour", "peak RSS MB", "live heap after full GC MB");
        for (PipelineBench.Usage u : r.usage()) {
            p.row(u.name(), num(u.startupCpuSec()), num(u.idleCpuPerMin()), num(u.runCpuSec()),
                    num(u.idleCpuPerMin() * r.endToEndSec() / 60), num(u.runCpuSec() * 3600 / media), num(u.peakRssMb()),
                    num(u.liveHeapMb()));
        }
        double total = r.usage().stream().mapToDouble(PipelineBench.Usage::runCpuSec).sum();
        double idle = r.usage().stream().mapToDouble(PipelineBench.Usage::idleCpuPerMin).sum();
        p.row("all", "", num(idle), num(total), num(idle * r.endToEndSec() / 60), num(total * 3600 / media), "", "");
        sb.append("Per process (from /proc: utime+stime, VmHWM):\n\n").append(p.render()).append('\n');
        sb.append(memoryDuringRun(r));
        if (r.warm() != null) {
            MarkdownTable w = new MarkdownTable("process", "CPU s, first VOD (cold)", "CPU s, same VOD again (warm)");
            for (PipelineBench.Usage u : r.usage()) {
                w.row(u.name(), num(u.runCpuSec()), num(r.warm().cpuSec().getOrDefault(u.name(), Double.NaN)));
            }
            w.row("all", num(total), num(r.warm().allCpuSec()));
            sb.append(String.format(Locale.ROOT, "The same VOD again on the warm stack (%s): %s end to end.%n%n",
                    r.warm().vodId(), seconds(r.warm().endToEndSec()))).append(w.render()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%d highlights in the final summary (VOD %s).%n%n", r.highlights(), r.vodId()));
        sb.append(stagesAlone(s));
        return sb.toString();
    }

    /** The stage-alone runs ({@link StageAlone}) against their floors; empty when there were none. */
    static String stagesAlone(Sample s) {
        PipelineBench.Result r = s.run();
        if (r.alone().isEmpty()) {
            return "";
        }
        FloorSet f = s.floors();
        double media = f.mediaSec();
        MarkdownTable t = new MarkdownTable("stage alone", "input", "submission to stage completed", "floor (same run)",
                "ratio", "goal", "the stage's process: CPU s", "all processes: CPU s");
        for (StageAlone.Run a : r.alone()) {
            double wall = a.wallSec();
            String measured;
            String floor;
            double ratio;
            String goal;
            switch (a.stage()) {
                case "VIDEO" -> {
                    measured = seconds(wall) + ", " + mediaRate(media, wall);
                    floor = seconds(f.videoSec()) + "; CPU " + seconds(f.videoCpuSec());
                    ratio = wall / f.videoSec();
                    goal = goal(ratio, 1.3, "<= 1.30x") + "; CPU " + ratio(a.processCpuSec() / f.videoCpuSec());
                }
                case "AUDIO" -> {
                    Floors.Measured own = a.floor() == null ? f.audio() : a.floor();
                    measured = seconds(wall) + ", " + mediaRate(media, wall);
                    floor = seconds(own.wallSec()) + "; CPU " + seconds(own.cpuSec()) + (a.floor() == null ? "" : ", this input");
                    ratio = wall / own.wallSec();
                    goal = goal(ratio, 1.5, "<= 1.50x") + "; " + num(media / a.processCpuSec()) + "x real time per CPU s, "
                            + atLeast(media / a.processCpuSec(), 300, ">= 300x");
                }
                default -> {
                    Floors.BrokerFloor b = r.brokerFloor();
                    measured = seconds(wall) + ", " + num(a.count() / wall) + " msg/s";
                    floor = seconds(b.totalSec()) + " (broker round trip)";
                    ratio = wall / b.totalSec();
                    goal = num(a.count() / a.processCpuSec()) + " msg per chat-service CPU s (whole JVM), "
                            + atLeast(a.count() / a.processCpuSec(), 200_000, ">= 200,000 per core");
                }
            }
            t.row(a.stage().toLowerCase(Locale.ROOT) + " (" + a.vodId() + ")", a.input(), measured, floor, ratio(ratio), goal,
                    num(a.processCpuSec()), num(a.allCpuSec()));
        }
        return "Each stage alone, one VOD at a time on the same warm stack (after the warm run):\n\n" + t.render() + "\n";
    }

    /** VmRSS sampled during the VOD: the largest value in its first sixth against the largest after it. */
    static String memoryDuringRun(PipelineBench.Result r) {
        if (r.memory() == null || r.memory().isEmpty()) {
            return "";
        }
        MarkdownTable t = new MarkdownTable("process", "samples", "VmRSS max MB, first sixth of the run",
                "VmRSS max MB, rest of the run", "rest / first sixth");
        r.memory().forEach((name, trace) -> {
            double first = MemoryTrace.maxMb(trace, 0, 1 / 6.0);
            double rest = MemoryTrace.maxMb(trace, 1 / 6.0, 1);
            t.row(name, trace.size(), num(first), num(rest), ratio(rest / first));
        });
        return String.format(Locale.ROOT, "Resident memory while the VOD ran (VmRSS every %d s from submission to the final"
                + " summary; memory that grows with the VOD shows as a ratio above 1):%n%n", MemoryTrace.PERIOD_MS / 1000)
                + t.render() + "\n";
    }

    /** The worker stages' segments: how many ran at once on average, and each one's span from submission. */
    static String segments(PipelineBench.Result r) {
        StringBuilder sb = new StringBuilder();
        for (String stage : List.of("VIDEO", "AUDIO")) {
            List<PipelineBench.SegmentTiming> own = r.segments().stream().filter(t -> t.stage().equals(stage)).toList();
            if (own.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s segments: %d, mean in flight %s; from submission (s):", stage.toLowerCase(),
                    own.size(), num(PipelineBench.meanInFlight(r.segments(), stage))));
            for (PipelineBench.SegmentTiming t : own) {
                sb.append(String.format(Locale.ROOT, " #%d %.1f-%.1f", t.index(), (t.startedMs() - r.submittedMs()) / 1000.0,
                        (t.completedMs() - r.submittedMs()) / 1000.0));
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    /** Peak RSS of each process on the short and the long sample. */
    static String memoryFlat(Sample shortRun, Sample longRun) {
        MarkdownTable t = new MarkdownTable("process", "peak RSS MB, " + label(shortRun.durationSec()),
                "peak RSS MB, " + label(longRun.durationSec()), "long / short", "goal",
                "live heap MB, " + label(shortRun.durationSec()), "live heap MB, " + label(longRun.durationSec()));
        Map<String, PipelineBench.Usage> shortUsage = new java.util.HashMap<>();
        shortRun.run().usage().forEach(u -> shortUsage.put(u.name(), u));
        for (PipelineBench.Usage u : longRun.run().usage()) {
            PipelineBench.Usage s = shortUsage.get(u.name());
            double ratio = s == null ? Double.NaN : u.peakRssMb() / s.peakRssMb();
            boolean worker = List.of("audio", "video").contains(u.name());
            t.row(u.name(), s == null ? "-" : num(s.peakRssMb()), num(u.peakRssMb()), ratio(ratio),
                    worker ? goal(Math.abs(ratio - 1), 0.10, "within 10%") : "", s == null ? "-" : num(s.liveHeapMb()),
                    num(u.liveHeapMb()));
        }
        return "### Memory as the VOD grows\n\n" + t.render() + "\n";
    }

    static String label(int durationSec) {
        return durationSec % 60 == 0 ? durationSec / 60 + "-minute" : durationSec + "-second";
    }
}
