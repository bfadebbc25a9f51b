package dev.highlights.video.model;

import java.util.Arrays;

/**
 * How a model's output becomes the per-second activity score in 0..1.
 *
 * <p>The output tensor {@code output} (null: the model's first output) must have the batch as its
 * first dimension; the rest of a row is flattened to a vector {@code x} of length D. Then:
 * <ul>
 *   <li>with {@code weights} (length D): {@code z = weights . x + bias} (a linear head, e.g. on an
 *       image embedding);</li>
 *   <li>else with {@code index >= 0}: {@code z = x[index] + bias} (e.g. the class of a classifier);</li>
 *   <li>else D must be 1: {@code z = x[0] + bias}.</li>
 * </ul>
 * Finally {@code score = sigmoid(z)} for {@link Activation#SIGMOID}, or {@code z} clamped to 0..1 for
 * {@link Activation#CLAMP}.
 */
public record OutputMapping(String output, int index, float[] weights, float bias, Activation activation) {

    public enum Activation {
        /** {@code min(1, max(0, z))}: the output already is a probability-like score. */
        CLAMP,
        /** {@code 1 / (1 + exp(-z))}: the output is a logit. */
        SIGMOID
    }

    public OutputMapping {
        if (activation == null) {
            activation = Activation.CLAMP;
        }
        if (weights != null) {
            if (weights.length == 0) {
                throw new IllegalArgumentException("linear head weights are empty");
            }
            weights = weights.clone();
        }
        if (!Float.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite");
        }
    }

    /** The model's first output, one value per row, used as is (clamped to 0..1). */
    public static OutputMapping identity() {
        return new OutputMapping(null, -1, null, 0f, Activation.CLAMP);
    }

    /** A linear head with a sigmoid on the vector output {@code output}. */
    public static OutputMapping linearHead(String output, float[] weights, float bias) {
        return new OutputMapping(output, -1, weights, bias, Activation.SIGMOID);
    }

    /** One column of output {@code output}, clamped to 0..1 (e.g. a classifier's probability). */
    public static OutputMapping column(String output, int index) {
        return new OutputMapping(output, index, null, 0f, Activation.CLAMP);
    }

    @Override
    public float[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** The score of one output row {@code x[offset .. offset + length)}. */
    public float score(float[] x, int offset, int length) {
        double z;
        if (weights != null) {
            if (weights.length != length) {
                throw new IllegalArgumentException("linear head has " + weights.length + " weights, output rows have "
                        + length + " values");
            }
            z = bias;
            for (int i = 0; i < length; i++) {
                z += (double) weights[i] * x[offset + i];
            }
        } else if (index >= 0) {
            if (index >= length) {
                throw new IllegalArgumentException("output index " + index + " outside rows of " + length + " values");
            }
            z = x[offset + index] + (double) bias;
        } else {
            if (length != 1) {
                throw new IllegalArgumentException("output rows have " + length
                        + " values: give an index or linear-head weights to reduce them to one score");
            }
            z = x[offset] + (double) bias;
        }
        double s = activation == Activation.SIGMOID ? 1.0 / (1.0 + Math.exp(-z)) : z;
        if (Double.isNaN(s)) {
            return 0f;
        }
        return (float) Math.min(1.0, Math.max(0.0, s));
    }

    @Override
    public String toString() {
        return "OutputMapping{output=" + output + ", index=" + index + ", weights="
                + (weights == null ? "none" : Arrays.toString(weights)) + ", bias=" + bias + ", " + activation + "}";
    }
}
