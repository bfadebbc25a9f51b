package dev.highlights.video.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelException;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityModelTest {
    static final int K = 4;
    static final int H = 6;
    static final int W = 8;
    static OnnxSessions sessions;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU));
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void imageEncoderWithALinearHead() throws Exception {
        Path file = UserModels.rgbMeanEncoder(dir.resolve("encoder.onnx"), -1, H, W);
        float[] w = {4f, -4f, -4f};
        ActivityModel m = ActivityModel.load(
                ModelSpec.user(file, InputLayout.RGB_FRAME, OutputMapping.linearHead("embedding", w, -2f)), sessions, K, H, W);
        assertThat(m.name()).isEqualTo("user:encoder.onnx");
        assertThat(m.rowShape()).containsExactly(3, H, W);
        assertThat(m.provider()).isEqualTo(ExecutionProvider.CPU);
        FloatBatch batch = new FloatBatch(4, m.rowShape());
        int fs = H * W;
        float[][] rgb = {{1, 0, 0}, {0, 0, 1}, {0.5f, 0.5f, 0.5f}};
        for (int r = 0; r < rgb.length; r++) {
            float[] row = new float[3 * fs];
            for (int c = 0; c < 3; c++) {
                Arrays.fill(row, c * fs, (c + 1) * fs, rgb[r][c]);
            }
            batch.putRow(r, row, 0, row.length);
        }
        float[] s = m.score(batch, 3);
        assertThat((double) s[0]).isCloseTo(sigmoid(4 - 2), within(1e-5));
        assertThat((double) s[1]).isCloseTo(sigmoid(-4 - 2), within(1e-5));
        assertThat((double) s[2]).isCloseTo(sigmoid(2 - 2 - 2 - 2), within(1e-5));
    }

    @Test
    void classifierColumnOnGreyFrames() throws Exception {
        Path file = UserModels.greyClassifier(dir.resolve("classifier.onnx"), K, H, W);
        ActivityModel m = ActivityModel.load(
                ModelSpec.user(file, InputLayout.GREY_FRAMES, OutputMapping.column("probs", 1)), sessions, K, H, W);
        FloatBatch batch = new FloatBatch(2, m.rowShape());
        float[] row = new float[m.rowLength()];
        Arrays.fill(row, 0.2f);
        batch.putRow(0, row, 0, row.length);
        Arrays.fill(row, 0.9f);
        batch.putRow(1, row, 0, row.length);
        float[] s = m.score(batch, 2);
        assertThat((double) s[0]).isCloseTo(0.8, within(1e-5));
        assertThat((double) s[1]).isCloseTo(0.1, within(1e-5));
    }

    @Test
    void fixedBatchOfOneIsAccepted() throws Exception {
        Path file = UserModels.rgbMeanEncoder(dir.resolve("batch1.onnx"), 1, H, W);
        ActivityModel m = ActivityModel.load(ModelSpec.user(file, InputLayout.RGB_FRAME,
                OutputMapping.linearHead(null, new float[] {1, 1, 1}, 0)), sessions, K, H, W);
        assertThat(m.maxBatch()).isEqualTo(1);
    }

    @Test
    void signatureMismatchesAreClearModelErrors() throws Exception {
        Path big = UserModels.rgbMeanEncoder(dir.resolve("big.onnx"), -1, 224, 224);
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(big, InputLayout.RGB_FRAME, OutputMapping.identity()),
                sessions, K, H, W))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("[-1, 3, 224, 224]")
                .hasMessageContaining("[N, 3, " + H + ", " + W + "]");
        Path rgb = UserModels.rgbMeanEncoder(dir.resolve("rgb.onnx"), -1, H, W);
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(rgb, InputLayout.GREY_FRAMES, OutputMapping.identity()),
                sessions, K, H, W))
                .isInstanceOf(ModelException.class).hasMessageContaining("GREY_FRAMES");
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(rgb, InputLayout.RGB_FRAME,
                OutputMapping.column("nope", 0)), sessions, K, H, W))
                .isInstanceOf(ModelException.class).hasMessageContaining("no output 'nope'");
        Path fixed = UserModels.rgbMeanEncoder(dir.resolve("fixed8.onnx"), 8, H, W);
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(fixed, InputLayout.RGB_FRAME, OutputMapping.identity()),
                sessions, K, H, W))
                .isInstanceOf(ModelException.class).hasMessageContaining("fixed batch of 8");
        Path two = UserModels.twoInputs(dir.resolve("two.onnx"), H, W);
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(two, InputLayout.RGB_FRAME, OutputMapping.identity()),
                sessions, K, H, W))
                .isInstanceOf(ModelException.class).hasMessageContaining("configure which one");
        assertThatThrownBy(() -> ActivityModel.load(ModelSpec.user(dir.resolve("missing.onnx"), InputLayout.RGB_FRAME,
                OutputMapping.identity()), sessions, K, H, W))
                .isInstanceOf(ModelException.class).hasMessageContaining("not found");
    }

    @Test
    void wrongOutputReductionFailsAtScoring() throws Exception {
        Path file = UserModels.rgbMeanEncoder(dir.resolve("vector.onnx"), -1, H, W);
        ActivityModel m = ActivityModel.load(ModelSpec.user(file, InputLayout.RGB_FRAME, OutputMapping.identity()),
                sessions, K, H, W);
        FloatBatch batch = new FloatBatch(1, m.rowShape());
        assertThatThrownBy(() -> m.score(batch, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("index or linear-head weights");
    }
}
