package dev.highlights.video.model;

import dev.highlights.worker.onnx.OnnxGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/** Small "user" models generated for tests. */
public final class UserModels {
    private UserModels() {
    }

    /**
     * A toy image encoder: {@code image [N, 3, H, W]} to {@code embedding [N, 3]}, the mean of each
     * colour plane (batch dimension {@code batch}: -1 dynamic, or fixed).
     */
    public static Path rgbMeanEncoder(Path file, long batch, int height, int width) throws IOException {
        OnnxGraph g = new OnnxGraph("rgb-mean-encoder");
        ONNXRef<?> image = g.input("image", batch, 3, height, width);
        ONNXRef<?> mean = g.op("ReduceMean", List.of(image), Map.of("axes", new long[] {2, 3}, "keepdims", 0));
        g.output(mean, "embedding", batch, 3);
        return g.write(file, Map.of("description", "mean R, G, B"));
    }

    /**
     * A toy classifier on grey frames: {@code frames [N, K+1, H, W]} to {@code probs [N, 2]} =
     * (mean grey, 1 - mean grey).
     */
    public static Path greyClassifier(Path file, int k, int height, int width) throws IOException {
        OnnxGraph g = new OnnxGraph("grey-classifier");
        ONNXRef<?> frames = g.input("frames", -1, k + 1, height, width);
        ONNXRef<?> mean = g.op("ReduceMean", List.of(frames), Map.of("axes", new long[] {1, 2, 3}, "keepdims", 0));
        ONNXRef<?> col = g.op("Reshape", mean, g.longs("col_shape", -1, 1));
        ONNXRef<?> inv = g.op("Sub", g.scalar("one", 1f), col);
        ONNXRef<?> probs = g.op("Concat", List.of(col, inv), Map.of("axis", 1));
        g.output(probs, "probs", -1, 2);
        return g.write(file, Map.of());
    }

    /** A model with two inputs (needs the input named). */
    public static Path twoInputs(Path file, int height, int width) throws IOException {
        OnnxGraph g = new OnnxGraph("two-inputs");
        ONNXRef<?> a = g.input("image", -1, 3, height, width);
        ONNXRef<?> b = g.input("bias", -1, 1);
        ONNXRef<?> mean = g.op("ReduceMean", List.of(a), Map.of("axes", new long[] {1, 2, 3}, "keepdims", 0));
        g.output(g.op("Add", mean, g.op("Reshape", b, g.longs("flat", -1))), "score", -1);
        return g.write(file, Map.of());
    }
}
