package dev.highlights.launcher.bench;

import static dev.highlights.launcher.bench.MarkdownTable.num;
import static dev.highlights.launcher.bench.MarkdownTable.ratio;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's Markdown: every figure beside its floor from the same run, the ratio and the goal of issue 12. */
final class BenchReport {

    /** The floors measured on one file just before the pipeline ran on it. */
    record FloorSet(double mediaSec, int cores, double videoSec, double audioSec) {
    }

    /** One sample's measurements. */
    record Sample(int durationSec, int messages, FloorSet floors, PipelineBench.Result run) {
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
        return text + (value >= limit ? " (met)" : String.format(Locale.ROOT, " (missed: %.0f%% of it)", 100 * value / limit));
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
        sb.append(String.format(Locale.ROOT, "### %s sample: %.0f s of 720p30 H.264 + AAC, %,d chat messages%n%n",
                label(s.durationSec()), media, s.messages()));
        MarkdownTable t = new MarkdownTable("figure", "measured", "floor (same run)", "ratio", "goal");
        t.row("video floor: " + f.cores() + " x `ffmpeg -threads 1 -an -ss S -t T` on equal slices", seconds(f.videoSec()),
                mediaRate(media, f.videoSec()), "1.00x", "");
        t.row("audio floor: `ffmpeg -vn -ac 1 -ar 16000 -f s16le -`", seconds(f.audioSec()), mediaRate(media, f.audioSec()),
                "1.00x", "");
        t.row("stack start-up (broker, registry, 5 service JVMs, all ready)", seconds(r.startupSec()), "-", "-", "");
        double e2e = r.endToEndSec();
        t.row("end to end, stack running: submission to final summary", seconds(e2e) + ", " + mediaRate(media, e2e),
                seconds(f.videoSec()) + " (video)", ratio(e2e / f.videoSec()),
                goal(e2e / f.videoSec(), 1.5, "<= 1.50x, aim 1.20x"));
        double withStart = e2e + r.startupSec();
        t.row("end to end with start-up (as `./highlights run`)", seconds(withStart),
                seconds(f.videoSec()) + " + " + seconds(r.startupSec()), ratio(withStart / (f.videoSec() + r.startupSec())),
                goal(withStart, 1.5 * f.videoSec() + r.startupSec(), "<= 1.5 x floor + start-up"));
        double video = r.stageSec("VIDEO");
        t.row("video stage: submission to VIDEO completed (shares the cores with audio)", seconds(video) + ", "
                + mediaRate(media, video), seconds(f.videoSec()), ratio(video / f.videoSec()), goal(video / f.videoSec(), 1.3, "<= 1.30x"));
        double audio = r.stageSec("AUDIO");
        t.row("audio stage: submission to AUDIO completed (shares the cores with video)", seconds(audio) + ", "
                + mediaRate(media, audio), seconds(f.audioSec()), ratio(audio / f.audioSec()), goal(audio / f.audioSec(), 1.5, "<= 1.50x"));
        double audioCpu = cpuOf(r, "audio");
        t.row("audio-service: media s per CPU s (real time per core)", num(media / audioCpu) + "x",
                num(media / f.audioSec()) + "x (ffmpeg, wall)", ratio((audioCpu) / f.audioSec()), atLeast(media / audioCpu, 300, ">= 300x"));
        double videoCpu = cpuOf(r, "video");
        t.row("video-service: media s per CPU s", num(media / videoCpu) + "x",
                num(media / (f.videoSec() * f.cores())) + "x (ffmpeg, cores x wall)", ratio(videoCpu / (f.videoSec() * f.cores())), "");
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

        MarkdownTable p = new MarkdownTable("process", "CPU s start-up", "CPU s for the VOD", "CPU s per media hour", "peak RSS MB");
        for (PipelineBench.Usage u : r.usage()) {
            p.row(u.name(), num(u.startupCpuSec()), num(u.runCpuSec()), num(u.runCpuSec() * 3600 / media), num(u.peakRssMb()));
        }
        double total = r.usage().stream().mapToDouble(PipelineBench.Usage::runCpuSec).sum();
        p.row("all", "", num(total), num(total * 3600 / media), "");
        sb.append("Per process (from /proc: utime+stime, VmHWM):\n\n").append(p.render()).append('\n');
        sb.append(String.format(Locale.ROOT, "%d highlights in the final summary (VOD %s).%n%n", r.highlights(), r.vodId()));
        return sb.toString();
    }

    /** Peak RSS of each process on the short and the long sample. */
    static String memoryFlat(Sample shortRun, Sample longRun) {
        MarkdownTable t = new MarkdownTable("process", "peak RSS MB, " + label(shortRun.durationSec()),
                "peak RSS MB, " + label(longRun.durationSec()), "long / short", "goal");
        Map<String, Double> shortRss = new java.util.HashMap<>();
        shortRun.run().usage().forEach(u -> shortRss.put(u.name(), u.peakRssMb()));
        for (PipelineBench.Usage u : longRun.run().usage()) {
            Double s = shortRss.get(u.name());
            double ratio = s == null ? Double.NaN : u.peakRssMb() / s;
            boolean worker = List.of("audio", "video").contains(u.name());
            t.row(u.name(), s == null ? "-" : num(s), num(u.peakRssMb()), ratio(ratio),
                    worker ? goal(Math.abs(ratio - 1), 0.10, "within 10%") : "");
        }
        return "### Memory as the VOD grows\n\n" + t.render() + "\n";
    }

    static String label(int durationSec) {
        return durationSec % 60 == 0 ? durationSec / 60 + "-minute" : durationSec + "-second";
    }
}
