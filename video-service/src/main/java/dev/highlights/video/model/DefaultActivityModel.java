package dev.highlights.video.model;

import dev.highlights.worker.onnx.OnnxGraph;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The project's default video activity model, an ONNX graph built here (no weights to download):
 * frame-difference energy and a logistic head.
 *
 * <pre>
 *   input  frames   [N, K+1, H, W]  grey 0..1 ({@link InputLayout#GREY_FRAMES})
 *   d      = |frames[:, 1:K+1] - frames[:, 0:K]|              the K consecutive differences
 *   e      = 255 * mean(d over K, H, W)                      motion energy in grey levels, 0..255
 *   output activity [N] = sigmoid(A * ln(1 + e) + B)         A = 2.5, B = -5
 * </pre>
 *
 * The head puts the midpoint (0.5) at e = e^2 - 1 = 6.4 grey levels, which is ordinary game-play
 * motion at 160x90 and 4 samples per second; a static screen (e = 0) scores 0.007, e = 2 scores 0.09,
 * e = 20 scores 0.93 and e = 40 scores 0.99. The log makes the score track relative changes of
 * motion, like the z-scores of the reference detector. The coefficients are hand-set, not trained;
 * a trained model plugs in as a user model ({@link ModelSpec#user}).
 */
public final class DefaultActivityModel {
    public static final String NAME = "video-activity-v1";
    public static final String INPUT = "frames";
    public static final String OUTPUT = "activity";
    /** Slope of the logistic head on ln(1 + e). */
    public static final float A = 2.5f;
    /** Offset of the logistic head. */
    public static final float B = -5f;

    private DefaultActivityModel() {
    }

    /** The model for K samples per second at H x W, serialised. */
    public static byte[] build(int k, int height, int width) {
        OnnxGraph g = new OnnxGraph(NAME);
        ONNXRef<?> frames = g.input(INPUT, -1, k + 1, height, width);
        ONNXRef<?> axis1 = g.longs("axis1", 1);
        ONNXRef<?> later = g.op("Slice", frames, g.longs("later_start", 1), g.longs("later_end", k + 1), axis1);
        ONNXRef<?> earlier = g.op("Slice", frames, g.longs("earlier_start", 0), g.longs("earlier_end", k), axis1);
        ONNXRef<?> diff = g.op("Abs", g.op("Sub", later, earlier));
        ONNXRef<?> mean = g.op("ReduceMean", List.of(diff), Map.of("axes", new long[] {1, 2, 3}, "keepdims", 0));
        ONNXRef<?> energy = g.op("Mul", mean, g.scalar("grey_levels", 255f));
        ONNXRef<?> logE = g.op("Log", g.op("Add", energy, g.scalar("one", 1f)));
        ONNXRef<?> z = g.op("Add", g.op("Mul", logE, g.scalar("head_a", A)), g.scalar("head_b", B));
        g.output(g.op("Sigmoid", z), OUTPUT, -1);
        return g.toBytes(Map.of(
                "description", "video activity: sigmoid(A*ln(1+e)+B), e = 255*mean|frame[i]-frame[i-1]|",
                "head_a", Float.toString(A),
                "head_b", Float.toString(B),
                "frames_per_second", Integer.toString(k),
                "height", Integer.toString(height),
                "width", Integer.toString(width)));
    }

    /** The score as the model computes it, in plain Java: for one row of (K+1) H x W frames. */
    public static double reference(float[] row, int offset, int k, int height, int width) {
        int fs = height * width;
        double sum = 0;
        for (int f = 1; f <= k; f++) {
            int a = offset + f * fs;
            int b = offset + (f - 1) * fs;
            for (int i = 0; i < fs; i++) {
                sum += Math.abs(row[a + i] - row[b + i]);
            }
        }
        double e = 255.0 * sum / ((double) k * fs);
        return sigmoid(A * Math.log1p(e) + B);
    }

    /** The score for a given motion energy e (0..255). */
    public static double scoreForEnergy(double e) {
        return sigmoid(A * Math.log1p(e) + B);
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
