package dev.highlights.audio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.audio.AudioServiceConfig;
import dev.highlights.audio.AudioSegmentAnalyzer;
import dev.highlights.audio.testing.TestAudio;
import dev.highlights.avro.AudioScore;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelException;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxGraph;
import dev.highlights.worker.onnx.OnnxSessions;
import dev.highlights.worker.testing.TestMedia;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.util.onnx.ONNXRef;

/** A user model of the contract's signature, generated here with the graph helpers. */
@Timeout(60)
class UserModelTest {
    static final List<String> LABELS = List.of("Laughter", "Music", "Speech", "Gunshot, gunfire");

    /**
     * A toy "tagger": loudness in dB drives laughter and gunfire up and music down; speech is constant.
     * labels = sigmoid(loudnessDb * a + b), per label.
     */
    static Path tagger(Path dir, boolean labelsInMetadata, long samples) throws Exception {
        OnnxGraph g = new OnnxGraph("toy_tagger");
        ONNXRef<?> x = g.input("audio", -1, samples);
        ONNXRef<?> ms = g.op("ReduceMean", List.of(g.op("Mul", x, x)), Map.of("axes", new int[] {1}, "keepdims", 1));
        ONNXRef<?> db = g.op("Mul", g.op("Log", g.op("Add", ms, g.scalar("eps", 1e-10f))), g.scalar("to_db", 4.3429448f));
        // [N,1] x [1,4] + [4]
        ONNXRef<?> logits = g.op("Add", g.op("MatMul", db, g.constant("a", new float[] {0.3f, -0.3f, 0f, 0.2f}, 1, 4)),
                g.constant("b", new float[] {9f, -9f, 0f, 4f}, 4));
        g.output(g.op("Sigmoid", logits), "labels", -1, 4);
        Map<String, String> meta = labelsInMetadata
                ? Map.of("labels", String.join("\n", LABELS), "name", "toy-tagger/2", "sample_rate", "16000")
                : Map.of();
        return g.write(dir.resolve(labelsInMetadata ? "tagger.onnx" : "tagger-bare.onnx"), meta);
    }

    @Test
    void labelScoresBecomeExcitementThroughTheWeights(@TempDir Path dir) throws Exception {
        Path model = tagger(dir, true, 16000);
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            UserAudioScorer scorer = new UserAudioScorer(sessions, UserModelConfig.withDefaultWeights(model));
            assertThat(scorer.id()).isEqualTo("toy-tagger/2");
            assertThat(scorer.labels()).containsExactlyElementsOf(LABELS);
            FloatBatch b = new FloatBatch(2, 16000);
            float[] loud = new float[16000];
            float[] quiet = new float[16000];
            for (int i = 0; i < 16000; i++) {
                loud[i] = (i % 2 == 0 ? 0.3f : -0.3f);
                quiet[i] = (i % 2 == 0 ? 0.001f : -0.001f);
            }
            b.putRow(0, loud, 0, 16000);
            b.putRow(1, quiet, 0, 16000);
            AudioModel.Scores s = scorer.score(b, 2);
            for (int r = 0; r < 2; r++) {
                Map<String, Float> l = s.labels().get(r);
                assertThat(l.keySet()).containsExactlyInAnyOrder("Laughter", "Music", "Speech", "Gunshot, gunfire");
                double z = LabelWeights.DEFAULT_BIAS + 2.5 * l.get("Laughter") - 2.0 * l.get("Music")
                        - 1.0 * l.get("Speech") + 2.0 * l.get("Gunshot, gunfire");
                assertThat((double) s.score()[r]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-6));
            }
            double loudDb = 20 * Math.log10(0.3);
            assertThat((double) s.labels().get(0).get("Laughter")).isCloseTo(1 / (1 + Math.exp(-(0.3 * loudDb + 9))), within(1e-4));
            assertThat(s.score()[0]).isGreaterThan(0.8f);
            assertThat(s.score()[1]).isLessThan(0.1f);
        }
    }

    @Test
    void drivesTheAnalyzerAndReportsWeightedLabels(@TempDir Path dir) throws Exception {
        Path model = tagger(dir, false, -1);
        Path wav = TestMedia.burstsWav(dir, 50);
        UserModelConfig cfg = new UserModelConfig(model, LABELS, Map.of("laughter", 3.0, "music", -2.0), -0.5, false, null);
        try (AudioSegmentAnalyzer a = new AudioSegmentAnalyzer(
                AudioServiceConfig.shippedAnalyzer().withOnnx(OnnxConfig.of(ExecutionProvider.CPU)).withUserModel(cfg))) {
            assertThat(a.modelId()).isEqualTo("user:tagger-bare.onnx");
            List<AudioScore> scores = a.analyze(TestAudio.segment(wav, 0, 0, 50, 0));
            assertThat(scores).hasSize(50);
            assertThat(scores).allSatisfy(s -> {
                assertThat(s.getModel()).isEqualTo("user:tagger-bare.onnx");
                assertThat(s.getLabelScores().keySet()).containsExactlyInAnyOrder("Laughter", "Music");
            });
            List<Long> top = scores.stream().sorted(Comparator.comparing(AudioScore::getModelScore).reversed())
                    .limit(4).map(AudioScore::getSecond).sorted().toList();
            assertThat(top).containsExactly(20L, 21L, 41L, 42L);
        }
    }

    @Test
    void aModelWithItsOwnScoreOutputIsUsedAsIs(@TempDir Path dir) throws Exception {
        OnnxGraph g = new OnnxGraph("own_score");
        ONNXRef<?> x = g.input("waveform", -1, 16000);
        ONNXRef<?> m = g.op("ReduceMean", List.of(g.op("Mul", x, x)), Map.of("axes", new int[] {1}, "keepdims", 0));
        g.output(g.op("Sigmoid", g.op("Mul", m, g.scalar("k", 100f))), "score", -1);
        Path model = g.write(dir.resolve("own.onnx"), Map.of());
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            UserAudioScorer scorer = new UserAudioScorer(sessions, new UserModelConfig(model, null, null, 0, false, "own/1"));
            FloatBatch b = new FloatBatch(1, 16000);
            AudioModel.Scores s = scorer.score(b, 1);
            assertThat(s.score()[0]).isEqualTo(0.5f);
            assertThat(s.labels().get(0)).isEmpty();
            assertThat(scorer.id()).isEqualTo("own/1");
        }
    }

    @Test
    void wrongSignaturesFailAtLoadWithClearMessages(@TempDir Path dir) throws Exception {
        Path halfSecond = tagger(dir, true, 8000);
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            assertThatThrownBy(() -> new UserAudioScorer(sessions, UserModelConfig.withDefaultWeights(halfSecond)))
                    .isInstanceOf(ModelException.class).hasMessageContaining("[N, 16000]");
            Path bare = tagger(dir, false, 16000);
            assertThatThrownBy(() -> new UserAudioScorer(sessions, UserModelConfig.withDefaultWeights(bare)))
                    .isInstanceOf(ModelException.class).hasMessageContaining("no label names");
            assertThatThrownBy(() -> new UserAudioScorer(sessions,
                    new UserModelConfig(bare, List.of("a", "b"), Map.of("a", 1.0), 0, false, null)))
                    .isInstanceOf(ModelException.class).hasMessageContaining("4 columns but 2 label names");
            assertThatThrownBy(() -> new UserAudioScorer(sessions, UserModelConfig.withDefaultWeights(dir.resolve("missing.onnx"))))
                    .isInstanceOf(ModelException.class).hasMessageContaining("not found");
        }
    }

    @Test
    void labelWeightMatching() {
        LabelWeights w = LabelWeights.defaults();
        assertThat(w.weightOf("Laughter")).isEqualTo(2.5);
        assertThat(w.weightOf("Gunshot, gunfire")).isEqualTo(2.0);
        assertThat(w.weightOf(" MUSIC ")).isEqualTo(-2.0);
        assertThat(w.weightOf("Speech synthesizer")).isZero();
        assertThat(w.weightOf("Cheering")).isEqualTo(2.5);
        assertThat(w.weightOf("Screaming")).isEqualTo(2.5);
        assertThat(UserAudioScorer.parseLabels("a|b c| d")).containsExactly("a", "b c", "d");
        assertThat(UserAudioScorer.parseLabels("x,y")).containsExactly("x", "y");
        assertThat(UserAudioScorer.parseLabels("Gunshot, gunfire\nMusic")).containsExactly("Gunshot, gunfire", "Music");
        assertThat(LabelWeights.excitement(0, new double[] {1}, new float[] {0f}, 0)).isEqualTo(0.5);
    }
}
