package dev.highlights.video.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultActivityModelTest {

    @Test
    void onnxRuntimeComputesWhatTheJavaReferenceSays() {
        int k = 4;
        int h = 9;
        int w = 16;
        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            ActivityModel model = ActivityModel.load(ModelSpec.defaultModel(), sessions, k, h, w);
            assertThat(model.name()).isEqualTo(DefaultActivityModel.NAME);
            assertThat(model.rowShape()).containsExactly(k + 1, h, w);
            assertThat(model.runner().metadata()).containsEntry("head_a", "2.5").containsEntry("head_b", "-5.0");
            int rows = 7;
            FloatBatch batch = new FloatBatch(8, model.rowShape());
            Random rnd = new Random(11);
            float[][] data = new float[rows][model.rowLength()];
            for (int r = 0; r < rows; r++) {
                // Rows from still (r = 0) to very busy.
                float noise = r / 6f;
                float base = rnd.nextFloat();
                for (int i = 0; i < data[r].length; i++) {
                    data[r][i] = Math.min(1f, Math.max(0f, base + noise * (rnd.nextFloat() - 0.5f)));
                }
                batch.putRow(r, data[r], 0, data[r].length);
            }
            float[] scores = model.score(batch, rows);
            assertThat(scores).hasSize(rows);
            for (int r = 0; r < rows; r++) {
                double ref = DefaultActivityModel.reference(data[r], 0, k, h, w);
                assertThat((double) scores[r]).as("row %d", r).isCloseTo(ref, within(1e-5));
            }
            assertThat((double) scores[0]).isCloseTo(DefaultActivityModel.scoreForEnergy(0), within(1e-6));
            for (int r = 1; r < rows; r++) {
                assertThat(scores[r]).isGreaterThan(scores[r - 1]);
            }
        }
    }

    @Test
    void headIsDocumented() {
        assertThat(DefaultActivityModel.scoreForEnergy(0)).isCloseTo(0.0067, within(1e-4));
        assertThat(DefaultActivityModel.scoreForEnergy(Math.exp(2) - 1)).isCloseTo(0.5, within(1e-9));
        assertThat(DefaultActivityModel.scoreForEnergy(20)).isCloseTo(0.93, within(0.01));
        assertThat(DefaultActivityModel.scoreForEnergy(255)).isLessThanOrEqualTo(1.0);
    }
}
