package dev.highlights.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.VideoScore;
import dev.highlights.video.model.InputLayout;
import dev.highlights.video.model.ModelSpec;
import dev.highlights.video.model.OutputMapping;
import dev.highlights.video.model.UserModels;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import dev.highlights.worker.testing.TestMedia;
import dev.highlights.worker.testing.WorkerTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class VideoSegmentAnalyzerTest {
    static OnnxSessions sessions;
    static VideoSegmentAnalyzer analyzer;
    static Path fixture;
    /** The whole fixture, analysed once. */
    static List<VideoScore> whole;
    /** The sizes of the runs the whole file was handed over in. */
    static List<Integer> wholeRuns;
    static SegmentResult wholeResult;

    @BeforeAll
    static void analyseTheWholeFile() throws Exception {
        fixture = TestVideos.fixture();
        sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU));
        analyzer = new VideoSegmentAnalyzer(VideoServiceConfig.shippedAnalysis(), sessions);
        whole = new ArrayList<>();
        wholeRuns = new ArrayList<>();
        wholeResult = analyzer.analyze("vod", 0, MediaSpan.wholeFile(fixture.toString()), run -> {
            whole.addAll(run);
            wholeRuns.add(run.size());
        }, null);
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    static MediaSegment segment(Path media, int index, double start, double end, double preRoll) {
        return WorkerTestKit.segment("vod", index, 3, media.toString(), start, end, preRoll);
    }

    static List<VideoScore> run(VideoSegmentAnalyzer a, MediaSegment seg) throws MediaDecodeException {
        List<VideoScore> out = new ArrayList<>();
        a.analyze(seg, out::addAll);
        return out;
    }

    static VideoScore second(List<VideoScore> records, long s) {
        return records.stream().filter(v -> v.getSecond() == s).findFirst().orElseThrow();
    }

    @Test
    void oneRecordPerSecondInOrder() {
        assertThat(whole).hasSize(TestVideos.DURATION);
        for (int i = 0; i < whole.size(); i++) {
            VideoScore v = whole.get(i);
            assertThat(v.getSecond()).isEqualTo(i);
            assertThat(v.getVodId()).isEqualTo("vod");
            assertThat(v.getFramesSampled()).isEqualTo(4);
            assertThat(v.getModel()).isEqualTo("video-activity-v1");
            assertThat(v.getFlowMagnitude()).isNull();
            assertThat(v.getModelScore()).isBetween(0f, 1f);
            assertThat(v.getBrightness()).isBetween(0f, 255f);
        }
        assertThat(wholeResult.secondsEmitted()).isEqualTo(60);
        assertThat(wholeResult.firstSecond()).isZero();
        assertThat(wholeResult.lastSecond()).isEqualTo(59);
        assertThat(wholeResult.endOfMedia()).isTrue();
        assertThat(wholeResult.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(wholeResult.batches()).isEqualTo(4); // 60 seconds in batches of 16
        // Handed over as the seconds become ready: a few runs (model batches, static verdicts), not one per second.
        assertThat(wholeRuns).allMatch(n -> n > 0).hasSizeBetween(4, 12);
        // Not all 1800: the non-reference B-frames that no sample shows are left undecoded.
        assertThat(wholeResult.decode().framesDecoded()).isBetween(240L, 1799L);
        assertThat(wholeResult.decode().framesScaled()).isEqualTo(240);
    }

    @Test
    void motionIsHighestInTheMotionStretch() {
        long peak = whole.stream().max((a, b) -> Float.compare(a.getMotion(), b.getMotion())).orElseThrow().getSecond();
        assertThat(peak).isBetween((long) TestVideos.MOTION_FROM, TestVideos.MOTION_TO - 1L);
        // Away from the cut seconds (whose first pair spans the cut), every second of the stretch moves more
        // than any second outside it.
        float minInside = Float.MAX_VALUE;
        float maxOutside = 0;
        for (VideoScore v : whole) {
            long s = v.getSecond();
            if (s == TestVideos.CUT_1 || s == TestVideos.CUT_2 || s == TestVideos.CUT_3) {
                continue;
            }
            if (s >= TestVideos.MOTION_FROM && s < TestVideos.MOTION_TO) {
                minInside = Math.min(minInside, v.getMotion());
            } else {
                maxOutside = Math.max(maxOutside, v.getMotion());
            }
        }
        assertThat(minInside).isGreaterThan(2 * maxOutside);
        // The default model follows: busy seconds score high, the static screen near zero.
        assertThat(second(whole, 18).getModelScore()).isGreaterThan(0.9f);
        assertThat(second(whole, 30).getModelScore()).isLessThan(0.05f);
        assertThat(second(whole, 45).getModelScore()).isBetween(0.05f, 0.9f);
    }

    @Test
    void sceneCutsAtTheCutsAndNowhereElse() {
        List<Long> cuts = whole.stream().filter(VideoScore::getSceneCut).map(VideoScore::getSecond).toList();
        assertThat(cuts).hasSize(3);
        int[] expected = {TestVideos.CUT_1, TestVideos.CUT_2, TestVideos.CUT_3};
        for (int i = 0; i < 3; i++) {
            assertThat(cuts.get(i)).isBetween(expected[i] - 1L, expected[i] + 1L);
        }
        for (VideoScore v : whole) {
            assertThat(v.getSceneCutScore()).isBetween(0f, 255f);
            assertThat(v.getSceneCut()).isEqualTo(v.getSceneCutScore() >= 27f);
        }
        // Brightness jumps at the cut from the bright gradient to the dark motion clip.
        assertThat(second(whole, TestVideos.CUT_1).getBrightnessDelta()).isLessThan(-50f);
    }

    @Test
    void staticScreenOverTheStillStretch() {
        List<Long> statics = whole.stream().filter(VideoScore::getStaticScreen).map(VideoScore::getSecond).toList();
        assertThat(statics).isNotEmpty();
        // Within one second of [24, 39) at both ends, and contiguous.
        assertThat(statics.get(0)).isBetween(TestVideos.STATIC_FROM - 1L, TestVideos.STATIC_FROM + 1L);
        assertThat(statics.get(statics.size() - 1)).isBetween(TestVideos.STATIC_TO - 2L, (long) TestVideos.STATIC_TO);
        assertThat(statics).hasSize((int) (statics.get(statics.size() - 1) - statics.get(0) + 1));
        for (long s = TestVideos.STATIC_FROM + 1; s < TestVideos.STATIC_TO - 1; s++) {
            assertThat(second(whole, s).getMotion()).isLessThan(0.5f);
        }
    }

    /** The record as the whole-file run would carry it (only the segment index differs). */
    static VideoScore asWhole(VideoScore v) {
        return VideoScore.newBuilder(v).setSegmentIndex(0).build();
    }

    @Test
    void aSegmentWithPreRollMatchesTheWholeFileAndRedeliveryIsIdentical() throws Exception {
        MediaSegment seg = segment(fixture, 1, 20, 40, 2);
        List<VideoScore> first = new ArrayList<>();
        SegmentResult r = analyzer.analyze(seg, first::addAll);
        assertThat(first).extracting(VideoScore::getSecond).containsExactlyElementsOf(
                java.util.stream.LongStream.range(20, 40).boxed().toList());
        Map<Long, VideoScore> ref = whole.stream().collect(Collectors.toMap(VideoScore::getSecond, Function.identity()));
        for (VideoScore v : first) {
            assertThat(v.getSegmentIndex()).isEqualTo(1);
            assertThat(asWhole(v)).as("second %d", v.getSecond()).isEqualTo(ref.get(v.getSecond()));
        }
        assertThat(r.secondsEmitted()).isEqualTo(20);
        assertThat(r.lastSecondOrNull()).isEqualTo(39L);
        assertThat(r.endOfMedia()).isFalse();
        // The pre-roll was raised to the static-screen run (10 s): decoding started at second 10.
        assertThat(r.decode().warmUpSeconds()).isEqualTo(10);
        // Second 39 is busy, so no look-ahead past the segment was needed.
        assertThat(r.decode().stoppedBySink()).isTrue();

        List<VideoScore> again = run(analyzer, seg);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void segmentBoundariesInsideTheStaticRunUsePreRollAndLookAhead() throws Exception {
        Map<Long, VideoScore> ref = whole.stream().collect(Collectors.toMap(VideoScore::getSecond, Function.identity()));
        // Ends inside the still stretch: seconds 25..29 are static only because the run goes on to 38.
        List<VideoScore> a = run(analyzer, segment(fixture, 0, 14, 30, 0));
        // Starts inside it: 30..38 need the run's start (25) from the pre-roll.
        List<VideoScore> b = run(analyzer, segment(fixture, 2, 30, 45, 0));
        assertThat(a).hasSize(16);
        assertThat(b).hasSize(15);
        for (VideoScore v : a) {
            assertThat(asWhole(v)).as("second %d", v.getSecond()).isEqualTo(ref.get(v.getSecond()));
        }
        for (VideoScore v : b) {
            assertThat(asWhole(v)).as("second %d", v.getSecond()).isEqualTo(ref.get(v.getSecond()));
        }
        assertThat(second(a, 26).getStaticScreen()).isTrue();
        assertThat(second(b, 31).getStaticScreen()).isTrue();
    }

    @Test
    void causalStaticScreensNeedNoLookAhead() throws Exception {
        VideoSegmentAnalyzer causal = new VideoSegmentAnalyzer(
                VideoServiceConfig.shippedAnalysis().withStaticScreen(1.0, 10, 0), sessions);
        List<VideoScore> out = run(causal, segment(fixture, 0, 14, 30, 0));
        // Marked from the 10th quiet second (34) on: nothing in this segment.
        assertThat(out).noneMatch(VideoScore::getStaticScreen);
        List<VideoScore> later = run(causal, segment(fixture, 1, 30, 45, 0));
        assertThat(later.stream().filter(VideoScore::getStaticScreen).map(VideoScore::getSecond).toList())
                .containsExactly(34L, 35L, 36L, 37L, 38L);
    }

    @Test
    void missingAndCorruptMediaAreMediaErrors() throws Exception {
        List<VideoScore> out = new ArrayList<>();
        Path missing = TestVideos.dir().resolve("missing.mp4");
        assertThatThrownBy(() -> analyzer.analyze(segment(missing, 0, 0, 10, 0), out::addAll))
                .isInstanceOf(MediaDecodeException.class)
                .hasMessageContaining("media file not found")
                .hasMessageContaining("missing.mp4")
                .satisfies(e -> assertThat(((MediaDecodeException) e).errorCode()).isEqualTo("MEDIA_NOT_FOUND"));

        Path corrupt = TestVideos.dir().resolve("corrupt.mp4");
        byte[] bytes = Files.readAllBytes(fixture);
        // Keep the header, scramble everything after the first 2 KB.
        java.util.Random rnd = new java.util.Random(9);
        for (int i = 2048; i < bytes.length; i++) {
            bytes[i] = (byte) rnd.nextInt();
        }
        Files.write(corrupt, bytes);
        assertThatThrownBy(() -> analyzer.analyze(segment(corrupt, 0, 0, 10, 0), out::addAll))
                .isInstanceOf(MediaDecodeException.class)
                .hasMessageContaining(corrupt.toString())
                .satisfies(e -> assertThat(((MediaDecodeException) e).isModalityAbsent()).isFalse());

        MediaSegment noVideo = MediaSegment.newBuilder(segment(fixture, 0, 0, 10, 0)).setHasVideo(false).build();
        assertThatThrownBy(() -> analyzer.analyze(noVideo, out::addAll))
                .isInstanceOf(MediaDecodeException.class)
                .satisfies(e -> assertThat(((MediaDecodeException) e).isModalityAbsent()).isTrue());
        assertThat(out).isEmpty();
    }

    @Test
    void damagedOrTruncatedDataEndsCleanly() throws Exception {
        // Index at the front, so the container opens and the damage is in the coded pictures.
        Path fast = TestVideos.dir().resolve("faststart.mp4");
        TestMedia.ffmpeg("-i", fixture.toString(), "-c", "copy", "-movflags", "+faststart", fast.toString());
        byte[] bytes = Files.readAllBytes(fast);
        byte[] damaged = bytes.clone();
        java.util.Random rnd = new java.util.Random(10);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 30_000; i++) {
            damaged[i] = (byte) rnd.nextInt();
        }
        Path damagedFile = TestVideos.dir().resolve("damaged.mp4");
        Files.write(damagedFile, damaged);
        Path truncatedFile = TestVideos.dir().resolve("truncated.mp4");
        Files.write(truncatedFile, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        for (Path p : List.of(damagedFile, truncatedFile)) {
            List<VideoScore> out = new ArrayList<>();
            try {
                SegmentResult r = analyzer.analyze("vod", 0, MediaSpan.wholeFile(p.toString()), out::addAll, null);
                if (p.equals(truncatedFile)) {
                    assertThat(r.endOfMedia()).isTrue();
                    assertThat(r.lastSecond()).isBetween(20L, 58L);
                }
            } catch (MediaDecodeException e) {
                // A decoder may also give up: then as a media error naming the file.
                assertThat(e.getMessage()).contains(p.toString());
            }
            assertThat(out.size()).isLessThanOrEqualTo(60);
            for (int i = 1; i < out.size(); i++) {
                assertThat(out.get(i).getSecond()).isGreaterThan(out.get(i - 1).getSecond());
            }
        }
    }

    @Test
    void aUserImageEncoderWithALinearHead() throws Exception {
        Path model = UserModels.rgbMeanEncoder(TestVideos.dir().resolve("encoder.onnx"), -1, 90, 160);
        VideoAnalysisConfig cfg = VideoServiceConfig.shippedAnalysis().withModel(ModelSpec.user(model, InputLayout.RGB_FRAME,
                OutputMapping.linearHead("embedding", new float[] {4f, -4f, -4f}, -2f)));
        VideoSegmentAnalyzer user = new VideoSegmentAnalyzer(cfg, sessions);
        assertThat(user.model().name()).isEqualTo("user:encoder.onnx");
        List<VideoScore> red = run(user, segment(TestVideos.solid("red", 3), 0, 0, 3, 0));
        List<VideoScore> blue = run(user, segment(TestVideos.solid("blue", 3), 0, 0, 3, 0));
        assertThat(red).hasSize(3);
        assertThat(blue).hasSize(3);
        double redScore = 1 / (1 + Math.exp(-(4 * 1 - 2)));   // mean RGB about (1, 0, 0)
        double blueScore = 1 / (1 + Math.exp(-(-4 * 1 - 2))); // about (0, 0, 1)
        for (VideoScore v : red) {
            assertThat((double) v.getModelScore()).isCloseTo(redScore, within(0.03));
            assertThat(v.getModel()).isEqualTo("user:encoder.onnx");
        }
        for (VideoScore v : blue) {
            assertThat((double) v.getModelScore()).isCloseTo(blueScore, within(0.01));
        }
        // Features do not depend on the model.
        assertThat(red.get(1).getStaticScreen()).isFalse(); // 3 s is shorter than the 10-s run
        assertThat(red.get(1).getMotion()).isLessThan(0.5f);
    }

    @Test
    void plugsIntoTheSegmentLoopWithMetrics() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        VideoWorkerAnalyzer worker = new VideoWorkerAnalyzer(analyzer,
                new dev.highlights.worker.loop.WorkerMetrics(registry, dev.highlights.avro.Stage.VIDEO));
        assertThat(worker.stage()).isEqualTo(dev.highlights.avro.Stage.VIDEO);
        assertThat(worker.outputTopic()).isEqualTo("video-scores");
        List<VideoScore> out = new ArrayList<>();
        worker.analyze(segment(fixture, 4, 40, 45, 0), out::addAll);
        assertThat(out).extracting(worker::secondOf).containsExactly(40L, 41L, 42L, 43L, 44L);
        for (String step : List.of("decode", "scale", "features", "inference")) {
            assertThat(registry.find("highlights.worker.step.duration").tag("step", step).timer())
                    .as(step).isNotNull()
                    .satisfies(t -> assertThat(t.count()).isPositive());
        }
    }

    @Test
    void autoFallsBackToCpuAndGivesTheSameFeatures() throws Exception {
        try (OnnxSessions auto = new OnnxSessions(OnnxConfig.of(ExecutionProvider.AUTO))) {
            assertThat(auto.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(auto.providerDetail()).contains("CUDA unavailable");
            VideoSegmentAnalyzer a = new VideoSegmentAnalyzer(
                    VideoServiceConfig.shippedAnalysis().withMinPreRollSec(1).withBatchSize(3), auto);
            List<VideoScore> out = new ArrayList<>();
            List<Integer> batches = new ArrayList<>();
            SegmentResult r = a.analyze("vod", 0, new MediaSpan(fixture.toString(), 22, 27, 1), out::addAll,
                    new VideoSegmentAnalyzer.Observer() {
                        @Override
                        public void onBatch(int rows, long inferenceNanos) {
                            batches.add(rows);
                        }
                    });
            assertThat(r.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(batches).containsExactly(3, 2);
            assertThat(out).extracting(VideoScore::getSecond).containsExactly(22L, 23L, 24L, 25L, 26L);
            // Same frames, same features as the whole run's, with its pre-roll of 1 s.
            assertThat(second(out, 23).getMotion()).isEqualTo(second(whole, 23).getMotion());
        }
    }
}
