package dev.highlights.audio.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a tagging model's per-label scores (0..1, e.g. AudioSet classes) into one excitement score:
 *
 * <pre>
 *   score = sigmoid(bias + sum over labels of weight(label) * labelScore)
 * </pre>
 *
 * Labels without a weight count 0. A weight key matches a label when it equals the label's name, or
 * one of its comma-separated parts, ignoring case and surrounding blanks (so {@code gunfire} matches
 * AudioSet's "Gunshot, gunfire"). The defaults ({@link #DEFAULT_WEIGHTS}, {@link #DEFAULT_BIAS}):
 * laughter, cheering and screaming +2.5, gunfire +2.0 (excitement up); music -2.0 and speech -1.0
 * (background music and plain talk are the calm baseline of a stream); bias -1.0, so a second with no
 * tag scores sigmoid(-1) = 0.27, clear laughter 0.82, music alone 0.05.
 */
public final class LabelWeights {
    public static final Map<String, Double> DEFAULT_WEIGHTS;
    public static final double DEFAULT_BIAS = -1.0;

    static {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("laughter", 2.5);
        m.put("cheering", 2.5);
        m.put("screaming", 2.5);
        m.put("gunfire", 2.0);
        m.put("music", -2.0);
        m.put("speech", -1.0);
        DEFAULT_WEIGHTS = Collections.unmodifiableMap(m);
    }

    private final Map<String, Double> weights;
    private final double bias;

    public LabelWeights(Map<String, Double> weights, double bias) {
        Map<String, Double> m = new LinkedHashMap<>();
        weights.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("weight of label '" + k + "' must be a finite number");
            }
            m.put(normalise(k), v);
        });
        this.weights = Collections.unmodifiableMap(m);
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite");
        }
        this.bias = bias;
    }

    public static LabelWeights defaults() {
        return new LabelWeights(DEFAULT_WEIGHTS, DEFAULT_BIAS);
    }

    public Map<String, Double> weights() {
        return weights;
    }

    public double bias() {
        return bias;
    }

    public boolean isEmpty() {
        return weights.isEmpty();
    }

    static String normalise(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }

    /** The weight of a model label (0 when no key matches). */
    public double weightOf(String label) {
        Double w = weights.get(normalise(label));
        if (w != null) {
            return w;
        }
        for (String part : label.split(",")) {
            w = weights.get(normalise(part));
            if (w != null) {
                return w;
            }
        }
        return 0.0;
    }

    /** Weights aligned with a model's label list. */
    public double[] weightVector(List<String> labels) {
        double[] w = new double[labels.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weightOf(labels.get(i));
        }
        return w;
    }

    /** Which of {@code labels} carry a non-zero weight (the ones worth reporting). */
    public List<Integer> weightedIndices(List<String> labels) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (weightOf(labels.get(i)) != 0.0) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@code sigmoid(bias + sum_i w[i] * scores[offset + i])}. */
    public static double excitement(double bias, double[] w, float[] scores, int offset) {
        double z = bias;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * scores[offset + i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
