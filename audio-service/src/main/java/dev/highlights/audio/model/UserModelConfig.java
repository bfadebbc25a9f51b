package dev.highlights.audio.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A user's own audio model: an {@code .onnx} file with input {@code [N, 16000]} float (one second of
 * 16 kHz mono per row; {@code -1} allowed for either dimension) and output {@code labels}
 * {@code [N, L]} (scores 0..1, or logits with {@code labelsAreLogits}) and/or {@code score} {@code [N]}.
 *
 * @param modelFile       the {@code .onnx} file
 * @param labels          label names for the {@code labels} columns; empty = read the model's
 *                        {@code labels} metadata (one per line, or {@code |}-separated, or
 *                        comma-separated when no name holds a comma)
 * @param weights         label-to-weight map, see {@link LabelWeights}; empty = use the model's own
 *                        {@code score} output
 * @param bias            bias of the weighted sum
 * @param labelsAreLogits apply a sigmoid to the label outputs first
 * @param name            model name for {@code AudioScore.model}; null = metadata {@code name} or the file name
 */
public record UserModelConfig(Path modelFile, List<String> labels, Map<String, Double> weights, double bias,
                              boolean labelsAreLogits, String name) {

    public UserModelConfig {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile is required");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }

    /** The file with the default label weights ({@link LabelWeights#defaults()}). */
    public static UserModelConfig withDefaultWeights(Path modelFile) {
        return new UserModelConfig(modelFile, List.of(), LabelWeights.DEFAULT_WEIGHTS, LabelWeights.DEFAULT_BIAS, false, null);
    }
}
