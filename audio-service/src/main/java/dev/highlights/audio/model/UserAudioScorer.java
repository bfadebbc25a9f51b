package dev.highlights.audio.model;

import ai.onnxruntime.TensorInfo;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelException;
import dev.highlights.worker.onnx.ModelOutputs;
import dev.highlights.worker.onnx.ModelRunner;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user-supplied {@code .onnx} model ({@link UserModelConfig}). The signature is checked when it is
 * loaded, so a wrong model fails at start-up with a clear {@link ModelException}, not per segment.
 */
public final class UserAudioScorer implements AudioModel {
    public static final String LABELS_OUTPUT = "labels";
    public static final String SCORE_OUTPUT = "score";

    private final ModelRunner runner;
    private final String id;
    private final String input;
    private final List<String> labels;
    private final double[] weights;
    private final double bias;
    private final boolean logits;
    private final boolean useLabels;
    private final int[] reported;

    public UserAudioScorer(OnnxSessions sessions, UserModelConfig config) {
        this.runner = sessions.runner(config.modelFile());
        String file = config.modelFile().getFileName().toString();
        if (runner.inputs().size() != 1) {
            throw new ModelException(file + ": expected one input [N, " + SAMPLE_RATE + "] float, found " + runner.inputs().keySet());
        }
        this.input = runner.inputs().keySet().iterator().next();
        TensorInfo in = runner.inputs().get(input);
        long[] shape = in.getShape();
        if (in.type != ai.onnxruntime.OnnxJavaType.FLOAT || shape.length != 2
                || (shape[1] != SAMPLE_RATE && shape[1] != -1)) {
            throw new ModelException(file + ": input '" + input + "' must be float [N, " + SAMPLE_RATE
                    + "] (one second of 16 kHz mono per row), found " + in.type + " " + Arrays.toString(shape));
        }
        String rate = runner.metadata().get("sample_rate");
        if (rate != null && !rate.trim().equals(Integer.toString(SAMPLE_RATE))) {
            throw new ModelException(file + ": declares sample_rate " + rate + "; the audio worker feeds " + SAMPLE_RATE + " Hz");
        }
        LabelWeights lw = new LabelWeights(config.weights(), config.bias());
        boolean hasLabels = runner.outputs().containsKey(LABELS_OUTPUT);
        boolean hasScore = runner.outputs().containsKey(SCORE_OUTPUT);
        this.useLabels = hasLabels && !lw.isEmpty();
        if (!useLabels && !hasScore) {
            throw new ModelException(file + ": needs a '" + SCORE_OUTPUT + "' [N] output, or a '" + LABELS_OUTPUT
                    + "' [N, L] output with label weights configured; outputs are " + runner.outputs().keySet());
        }
        if (hasLabels) {
            long[] ls = runner.outputs().get(LABELS_OUTPUT).getShape();
            List<String> names = !config.labels().isEmpty() ? config.labels() : parseLabels(runner.metadata().get("labels"));
            if (ls.length != 2) {
                throw new ModelException(file + ": output 'labels' must be [N, L], found " + Arrays.toString(ls));
            }
            if (names.isEmpty()) {
                throw new ModelException(file + ": output 'labels' has no label names; set them in the config or the model's 'labels' metadata");
            }
            if (ls[1] > 0 && ls[1] != names.size()) {
                throw new ModelException(file + ": output 'labels' has " + ls[1] + " columns but " + names.size() + " label names are known");
            }
            this.labels = List.copyOf(names);
            this.weights = lw.weightVector(labels);
            this.reported = lw.weightedIndices(labels).stream().mapToInt(Integer::intValue).toArray();
        } else {
            this.labels = List.of();
            this.weights = new double[0];
            this.reported = new int[0];
        }
        this.bias = lw.bias();
        this.logits = config.labelsAreLogits();
        String metaName = runner.metadata().get("name");
        this.id = config.name() != null ? config.name() : metaName != null ? metaName : "user:" + file;
    }

    /** Label names from model metadata: one per line, or '|'-separated, or comma-separated. */
    static List<String> parseLabels(String meta) {
        if (meta == null || meta.isBlank()) {
            return List.of();
        }
        String[] parts = meta.contains("\n") ? meta.split("\r?\n") : meta.contains("|") ? meta.split("\\|") : meta.split(",");
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelRunner runner() {
        return runner;
    }

    public List<String> labels() {
        return labels;
    }

    @Override
    public Scores score(FloatBatch batch, int rows) {
        ModelOutputs out = runner.run(input, batch, rows);
        float[] score = new float[rows];
        List<Map<String, Float>> labelMaps = new ArrayList<>(rows);
        float[] lab = labels.isEmpty() ? null : out.floats(LABELS_OUTPUT);
        int l = labels.size();
        if (lab != null && lab.length != (long) rows * l) {
            throw new ModelException(id + ": 'labels' output has " + lab.length + " values for " + rows + " rows of " + l + " labels");
        }
        if (lab != null && logits) {
            for (int i = 0; i < lab.length; i++) {
                lab[i] = (float) (1.0 / (1.0 + Math.exp(-lab[i])));
            }
        }
        float[] own = useLabels ? null : out.floats(SCORE_OUTPUT);
        if (own != null && own.length != rows) {
            throw new ModelException(id + ": 'score' output has " + own.length + " values for " + rows + " rows");
        }
        for (int r = 0; r < rows; r++) {
            score[r] = useLabels ? (float) LabelWeights.excitement(bias, weights, lab, r * l) : clamp01(own[r]);
            if (lab != null && reported.length > 0) {
                Map<String, Float> m = new LinkedHashMap<>();
                for (int i : reported) {
                    m.put(labels.get(i), lab[r * l + i]);
                }
                labelMaps.add(m);
            } else {
                labelMaps.add(Map.of());
            }
        }
        return new Scores(score, labelMaps);
    }

    private static float clamp01(float v) {
        return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    }
}
