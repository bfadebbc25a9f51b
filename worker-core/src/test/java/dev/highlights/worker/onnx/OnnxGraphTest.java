package dev.highlights.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.util.onnx.ONNXRef;

class OnnxGraphTest {

    @Test
    void genericOperatorsWithAttributesAndShapes(@TempDir Path dir) throws Exception {
        // x [N, 6] -> reshape [N, 2, 3] -> slice [:, :, 1:3] -> concat with itself on axis 2 -> [N, 2, 4]
        // -> matmul [4, 1] -> reduce-mean over axis 1 -> [N, 1] -> flatten [N]
        OnnxGraph g = new OnnxGraph("ops");
        ONNXRef<?> x = g.input("x", -1, 6);
        ONNXRef<?> r = g.op("Reshape", x, g.longs("shape", -1, 2, 3));
        ONNXRef<?> s = g.op("Slice", r, g.longs("starts", 1), g.longs("ends", 3), g.longs("axes", 2));
        ONNXRef<?> c = g.op("Concat", List.of(s, s), Map.of("axis", 2));
        ONNXRef<?> m = g.op("MatMul", c, g.constant("w", new float[] {1, 2, 3, 4}, 4, 1));
        ONNXRef<?> mean = g.op("ReduceMean", List.of(m), Map.of("axes", new int[] {1}, "keepdims", 0));
        g.output(g.op("Reshape", mean, g.longs("flat", -1)), "y", -1);
        g.output(g.op("Relu", g.op("Log", g.op("Add", x, g.scalar("one", 1f)))), "z", -1, 6);
        Path file = g.write(dir.resolve("sub/ops.onnx"), Map.of("labels", "a|b"));

        try (OnnxSessions sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            ModelRunner runner = sessions.runner(file);
            assertThat(runner.metadata()).containsEntry("labels", "a|b");
            assertThat(runner.outputs().get("y").getShape()).containsExactly(-1);
            assertThat(runner.outputs().get("z").getShape()).containsExactly(-1, 6);
            Random rnd = new Random(3);
            FloatBatch b = new FloatBatch(5, 6);
            float[][] rows = new float[5][6];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 6; j++) {
                    rows[i][j] = rnd.nextFloat() * 2 - 0.5f;
                }
                b.putRow(i, rows[i], 0, 6);
            }
            ModelOutputs out = runner.run(b, 5);
            float[] y = out.floats("y");
            float[] z = out.floats("z");
            assertThat(y).hasSize(5);
            for (int i = 0; i < 5; i++) {
                float[] v = rows[i];
                // row k of the reshape is v[3k..3k+2]; slice keeps the last two, concat doubles them
                double sum = 0;
                for (int k = 0; k < 2; k++) {
                    double a = v[3 * k + 1];
                    double bb = v[3 * k + 2];
                    sum += a * 1 + bb * 2 + a * 3 + bb * 4;
                }
                assertThat((double) y[i]).isCloseTo(sum / 2, within(1e-5));
                for (int j = 0; j < 6; j++) {
                    assertThat((double) z[i * 6 + j]).isCloseTo(Math.max(0, Math.log(1 + v[j])), within(1e-5));
                }
            }
        }
    }

    @Test
    void batchRowsAreZeroPaddedAndReused() {
        FloatBatch b = new FloatBatch(2, 4);
        b.putRow(0, new float[] {1, 2, 3, 4}, 0, 4);
        b.putRow(0, new float[] {9}, 0, 1);
        assertThat(b.get(0, 0)).isEqualTo(9f);
        assertThat(b.get(0, 3)).isZero();
        assertThat(b.shape(2)).containsExactly(2, 4);
        assertThat(new FloatBatch(3, 2L, 5L).shape(1)).containsExactly(1, 2, 5);
        assertThat(b.buffer().isDirect()).isTrue();
    }
}
