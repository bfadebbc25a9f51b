package dev.highlights.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.audio.model.DefaultAudioModel;
import dev.highlights.audio.testing.TestAudio;
import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.media.MediaSpan;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole audio path on generated media with loud bursts during [20, 22) and [41, 43). */
@Timeout(120)
class AudioSegmentAnalyzerTest {
    static final List<Long> BURSTS = List.of(20L, 21L, 41L, 42L);

    @TempDir
    static Path dir;
    static Path mp4;
    static Path mp4NoPns;
    static Path wav;
    static AudioSegmentAnalyzer analyzer;

    @BeforeAll
    static void setUp() throws Exception {
        mp4 = TestMedia.burstsMp4(dir, 60, true);
        mp4NoPns = TestMedia.burstsMp4(dir, 60, false);
        wav = TestMedia.burstsWav(dir, 60);
        analyzer = new AudioSegmentAnalyzer(AudioServiceConfig.shippedAnalyzer()
                .withBatchSeconds(16).withOnnx(OnnxConfig.of(ExecutionProvider.CPU)));
    }

    @AfterAll
    static void tearDown() {
        analyzer.close();
    }

    static List<Long> top4(List<AudioScore> scores, Function<AudioScore, Float> key) {
        return scores.stream().sorted(Comparator.comparing(key).reversed()).limit(4)
                .map(AudioScore::getSecond).sorted().toList();
    }

    @Test
    void burstSecondsScoreHighestInMp4AndWav() throws Exception {
        for (Path f : List.of(mp4, wav)) {
            List<AudioScore> s = analyzer.analyze(TestAudio.segment(f, 0, 0, 60, 0));
            assertThat(s).extracting(AudioScore::getSecond).as(f.toString()).containsExactlyElementsOf(range(0, 60));
            assertThat(top4(s, AudioScore::getModelScore)).as("model score, %s", f).isEqualTo(BURSTS);
            assertThat(top4(s, AudioScore::getRmsDbfs)).as("rms, %s", f).isEqualTo(BURSTS);
            assertThat(top4(s, AudioScore::getPeakDbfs)).as("peak, %s", f).isEqualTo(BURSTS);
            Map<Long, AudioScore> by = s.stream().collect(Collectors.toMap(AudioScore::getSecond, x -> x));
            for (long b : BURSTS) {
                assertThat(by.get(b).getModelScore()).isGreaterThan(0.6f);
                assertThat(by.get(b).getRmsDbfs()).isGreaterThan(-20f);
            }
            assertThat(by.get(10L).getModelScore()).isLessThan(0.1f);
            assertThat(by.get(10L).getRmsDbfs()).isBetween(-55f, -45f);
            // the 5 s energy rises at the burst and stays up while the burst is in the window
            assertThat(by.get(21L).getEnergy5s()).isGreaterThan(10 * by.get(19L).getEnergy5s());
            assertThat(by.get(25L).getEnergy5s()).isGreaterThan(10 * by.get(26L).getEnergy5s());
            // onset strength peaks at a burst onset (within 1 s)
            long fluxPeak = s.stream().max(Comparator.comparing(AudioScore::getSpectralFlux)).orElseThrow().getSecond();
            assertThat(fluxPeak).isIn(19L, 20L, 21L, 40L, 41L, 42L);
            assertThat(s).allSatisfy(x -> {
                assertThat(x.getModel()).isEqualTo(DefaultAudioModel.ID);
                assertThat(x.getVodId()).isEqualTo("vod-1");
                assertThat(x.getModelScore()).isBetween(0f, 1f);
                assertThat(x.getLabelScores()).isEmpty();
            });
        }
    }

    @Test
    void aSegmentWithPreRollEmitsItsSecondsWithTheWholeFileValues() throws Exception {
        for (Path f : List.of(wav, mp4NoPns)) {
            Map<Long, AudioScore> whole = byKey(analyzer.analyze(TestAudio.segment(f, 0, 0, 60, 0)));
            List<AudioScore> seg = analyzer.analyze(TestAudio.segment(f, 3, 30, 50, 5));
            assertThat(seg).extracting(AudioScore::getSecond).as(f.toString()).containsExactlyElementsOf(range(30, 50));
            for (AudioScore s : seg) {
                AudioScore w = whole.get(s.getSecond());
                assertThat(s.getSegmentIndex()).isEqualTo(3);
                assertThat(s.getRmsDbfs()).isCloseTo(w.getRmsDbfs(), within(1e-4f));
                assertThat(s.getPeakDbfs()).isCloseTo(w.getPeakDbfs(), within(1e-4f));
                assertThat(s.getEnergy5s()).isCloseTo(w.getEnergy5s(), within(1e-6f));
                assertThat(s.getSpectralFlux()).isCloseTo(w.getSpectralFlux(), within(1e-5f));
                assertThat(s.getLogMelMean()).isCloseTo(w.getLogMelMean(), within(1e-5f));
                assertThat(s.getLogMelStd()).isCloseTo(w.getLogMelStd(), within(1e-5f));
                assertThat(s.getModelScore()).isCloseTo(w.getModelScore(), within(1e-5f));
            }
        }
    }

    @Test
    void aacNoiseSubstitutionKeepsSegmentValuesClose() throws Exception {
        // FFmpeg's AAC decoder draws noise-substituted bands from a generator whose state depends on
        // everything decoded before: a seek-started decode differs in those samples, not in level.
        Map<Long, AudioScore> whole = byKey(analyzer.analyze(TestAudio.segment(mp4, 0, 0, 60, 0)));
        List<AudioScore> seg = analyzer.analyze(TestAudio.segment(mp4, 3, 30, 50, 5));
        assertThat(seg).extracting(AudioScore::getSecond).containsExactlyElementsOf(range(30, 50));
        for (AudioScore s : seg) {
            AudioScore w = whole.get(s.getSecond());
            assertThat(s.getRmsDbfs()).isCloseTo(w.getRmsDbfs(), within(0.3f));
            assertThat(s.getEnergy5s()).isCloseTo(w.getEnergy5s(), within(0.02f * w.getEnergy5s()));
            assertThat(s.getModelScore()).isCloseTo(w.getModelScore(), within(0.01f));
        }
    }

    @Test
    void redeliveryYieldsIdenticalRecords() throws Exception {
        MediaSegment seg = TestAudio.segment(mp4, 2, 15, 45.5, 5);
        List<AudioScore> first = analyzer.analyze(seg);
        List<AudioScore> again = analyzer.analyze(seg);
        assertThat(first).hasSize(31).isEqualTo(again);
        assertThat(first.get(0).getSecond()).isEqualTo(15);
        assertThat(first.get(30).getSecond()).isEqualTo(45);
    }

    @Test
    void batchesCarryTimingsAndComeInOrder() throws Exception {
        List<AudioBatch> batches = new ArrayList<>();
        SegmentResult r = analyzer.analyze(TestAudio.segment(wav, 1, 0, 40, 0), batches::add);
        assertThat(batches).extracting(b -> b.scores().size()).containsExactly(16, 16, 8);
        assertThat(batches).extracting(AudioBatch::lastSecond).containsExactly(15L, 31L, 39L);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.inferenceNanos()).isPositive();
            assertThat(b.featureNanos()).isPositive();
            assertThat(b.decodeNanos()).isNotNegative();
        });
        assertThat(r.secondsEmitted()).isEqualTo(40);
        assertThat(r.firstSecond()).isZero();
        assertThat(r.lastSecond()).isEqualTo(39);
        assertThat(r.batches()).isEqualTo(3);
        assertThat(r.decode().sourceSampleRate()).isEqualTo(44100);
    }

    @Test
    void aSpanPastTheEndEmitsNothing() throws Exception {
        List<AudioBatch> batches = new ArrayList<>();
        SegmentResult r = analyzer.analyze(TestAudio.segment(wav, 9, 120, 150, 5), batches::add);
        assertThat(batches).isEmpty();
        assertThat(r.secondsEmitted()).isZero();
        assertThat(r.decode().endOfMedia()).isTrue();
    }

    @Test
    void missingAndCorruptMediaAreTypedErrors() throws Exception {
        Path missing = dir.resolve("nope.mp4");
        assertThatThrownBy(() -> analyzer.analyze(TestAudio.segment(missing, 0, 0, 10, 0)))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.NOT_FOUND);
                    assertThat(e.errorCode()).isEqualTo("MEDIA_NOT_FOUND");
                })
                .hasMessageContaining(missing.toString());
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), junk);
        assertThatThrownBy(() -> analyzer.analyze(TestAudio.segment(corrupt, 0, 0, 10, 0)))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.UNREADABLE);
                    assertThat(e.errorCode()).isEqualTo("MEDIA_UNREADABLE");
                })
                .hasMessageContaining("cannot open media").hasMessageContaining(corrupt.toString());
        MediaSegment noAudio = MediaSegment.newBuilder(TestAudio.segment(wav, 0, 0, 10, 0)).setHasAudio(false).build();
        assertThatThrownBy(() -> analyzer.analyze(noAudio))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> assertThat(e.isModalityAbsent()).isTrue());
    }

    @Test
    void plugsIntoTheWorkerLoop() throws Exception {
        AudioWorkerAnalyzer w = new AudioWorkerAnalyzer(analyzer);
        assertThat(w.stage()).isEqualTo(Stage.AUDIO);
        assertThat(w.outputTopic()).isEqualTo("audio-scores");
        List<List<AudioScore>> runs = new ArrayList<>();
        MediaSegment segment = TestAudio.segment(wav, 0, 5, 8, 1);
        w.analyze(segment, runs::add);
        assertThat(runs).singleElement().satisfies(run -> // three seconds: one model batch, one run
                assertThat(run).extracting(w::secondOf).containsExactly(5L, 6L, 7L));
        assertThat(w.batchOf(segment, runs.get(0))).isInstanceOfSatisfying(AudioScoreBatch.class, b -> {
            assertThat(b.getVodId()).isEqualTo(segment.getVodId());
            assertThat(b.getSegmentIndex()).isEqualTo(segment.getIndex());
            assertThat(b.getScores()).isEqualTo(runs.get(0));
        });
    }

    @Test
    void wholeFileSpans() throws Exception {
        List<AudioScore> all = new ArrayList<>();
        analyzer.analyze(MediaSpan.wholeFile(wav.toString()), "v", 0, b -> all.addAll(b.scores()));
        assertThat(all).hasSize(60);
    }

    static Map<Long, AudioScore> byKey(List<AudioScore> s) {
        return s.stream().collect(Collectors.toMap(AudioScore::getSecond, x -> x));
    }

    static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }
}
