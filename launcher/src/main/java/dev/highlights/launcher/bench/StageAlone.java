package dev.highlights.launcher.bench;

import dev.highlights.launcher.EmbeddedPipeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each stage alone on a running (warm) stack: one VOD at a time whose input gives only that stage real work, timed
 * from submission to the stage's COMPLETED status, with the CPU of every process meanwhile.
 *
 * <ul>
 *   <li>video: the sample without its audio track and without chat (audio-service reports the stage absent);</li>
 *   <li>audio: the sample's audio track alone, no chat;</li>
 *   <li>chat: the sample's first {@value BenchSample#CLIP_SEC} s of media with the whole chat (ingest's import,
 *       chat-service and fusion of the chat seconds; the workers decode two seconds).</li>
 * </ul>
 *
 * Fusion has no stage of its own to isolate here (it runs behind every other one); its figures alone come from
 * {@code FusionBenchmark} (module benchmarks).
 */
final class StageAlone {

    /**
     * One stage-alone VOD: seconds from submission to the stage's COMPLETED, its status count, CPU per process, and
     * the floor measured on the same input just before (null: the sample's own floors apply).
     */
    record Run(String stage, String process, String input, String vodId, double wallSec, long count,
               Map<String, Double> cpuSec, Floors.Measured floor) {
        double processCpuSec() {
            return cpuSec.getOrDefault(process, Double.NaN);
        }

        double allCpuSec() {
            return cpuSec.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private StageAlone() {
    }

    static List<Run> run(EmbeddedPipeline pipeline, Map<String, Long> pids, BenchSample.BenchFiles sample,
                         PrintStream out) throws Exception {
        BenchSample.StageFiles files = BenchSample.stageFiles(sample);
        List<Run> runs = new ArrayList<>();
        // The video track alone decodes exactly as in the sample, whose video floor applies; the audio floor reads the
        // whole muxed file, so the audio-only file gets its own.
        runs.add(one(pipeline, pids, "VIDEO", "video", files.videoOnly(), null,
                "the sample's video track alone, no chat", null, out));
        runs.add(one(pipeline, pids, "AUDIO", "audio", files.audioOnly(), null,
                "the sample's audio track alone, no chat", Floors.audioFloor(files.audioOnly()), out));
        runs.add(one(pipeline, pids, "CHAT", "chat", files.clip(), sample.chat(),
                String.format(Locale.ROOT, "the whole chat, %d s of media", BenchSample.CLIP_SEC), null, out));
        return runs;
    }

    private static Run one(EmbeddedPipeline pipeline, Map<String, Long> pids, String stage, String process, Path media,
                           Path chat, String input, Floors.Measured floor, PrintStream out) throws Exception {
        Map<String, ProcStats> before = ProcStats.readAll(pids);
        long submittedMs = System.currentTimeMillis();
        String vodId = PipelineBench.register(pipeline.ingestUrl(), media, chat, "bench-" + process + "-alone",
                process + " alone");
        out.println("  " + process + " alone: registered " + vodId);
        PipelineBench.awaitFinal(pipeline, vodId, out);
        Map<String, Double> cpu = ProcStats.cpuSecondsBetween(before, ProcStats.readAll(pids));
        PipelineBench.StageTiming timing = PipelineBench.stageTimings(pipeline.bootstrapServers(),
                pipeline.schemaRegistryUrl(), vodId).get(stage);
        if (timing == null || timing.completedMs() <= 0) {
            throw new IllegalStateException(stage + " never completed for the " + process + "-alone VOD " + vodId);
        }
        double wall = (timing.completedMs() - submittedMs) / 1000.0;
        out.printf(Locale.ROOT, "  %s alone: %s completed %.1f s after submission%n", process, stage, wall);
        return new Run(stage, process, input, vodId, wall, timing.count(), cpu, floor);
    }
}
