package dev.highlights.video.model;

import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelException;
import dev.highlights.worker.onnx.ModelOutputs;
import dev.highlights.worker.onnx.ModelRunner;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.Arrays;

/**
 * A loaded video activity model: the ONNX session (shared, from worker-core's {@link OnnxSessions},
 * so provider choice and CPU fallback are the process's), the input it is fed, and the mapping of its
 * output to a per-second score in 0..1. Thread-safe (sessions are); callers bring their own
 * {@link FloatBatch}.
 *
 * <p>Model contract: input rows per {@link InputLayout} ({@code [N, K+1, H, W]} grey or
 * {@code [N, 3, H, W]} RGB, floats 0..1), a dynamic (or size 1) batch dimension; an output whose
 * first dimension is the batch, reduced to one score per row by an {@link OutputMapping}.
 */
public final class ActivityModel {
    private final String name;
    private final ModelSpec spec;
    private final ModelRunner runner;
    private final String inputName;
    private final String outputName;
    private final long[] rowShape;
    private final int maxBatch;

    private ActivityModel(String name, ModelSpec spec, ModelRunner runner, String inputName, String outputName,
                          long[] rowShape, int maxBatch) {
        this.name = name;
        this.spec = spec;
        this.runner = runner;
        this.inputName = inputName;
        this.outputName = outputName;
        this.rowShape = rowShape;
        this.maxBatch = maxBatch;
    }

    /**
     * Loads (or reuses) the model of {@code spec} for K samples per second at {@code height x width}.
     *
     * @throws ModelException the file is missing or invalid, or its signature does not fit the layout
     */
    public static ActivityModel load(ModelSpec spec, OnnxSessions sessions, int k, int height, int width) {
        long[] rowShape = spec.layout().rowShape(k, height, width);
        ModelRunner runner;
        String name;
        if (spec.isDefault()) {
            name = DefaultActivityModel.NAME;
            runner = sessions.runner(name + "/k" + k + "/" + width + "x" + height,
                    () -> DefaultActivityModel.build(k, height, width));
        } else {
            name = "user:" + spec.file().getFileName();
            runner = sessions.runner(spec.file());
        }
        String input = spec.input();
        if (input == null) {
            if (runner.inputs().size() != 1) {
                throw new ModelException("model " + name + " has inputs " + runner.inputs().keySet()
                        + ": configure which one takes the frames");
            }
            input = runner.inputs().keySet().iterator().next();
        } else if (!runner.inputs().containsKey(input)) {
            throw new ModelException("model " + name + " has no input '" + input + "' (inputs: " + runner.inputs().keySet() + ")");
        }
        long[] declared = runner.inputShape(input);
        int maxBatch = checkInputShape(name, input, declared, rowShape, spec.layout());
        String output = spec.mapping().output();
        if (output == null) {
            if (runner.outputNames().isEmpty()) {
                throw new ModelException("model " + name + " has no tensor output");
            }
            output = runner.outputNames().get(0);
        } else if (!runner.outputs().containsKey(output)) {
            throw new ModelException("model " + name + " has no output '" + output + "' (outputs: " + runner.outputNames() + ")");
        }
        return new ActivityModel(name, spec, runner, input, output, rowShape, maxBatch);
    }

    /** Checks the declared input against the layout; returns the largest batch the model takes. */
    static int checkInputShape(String name, String input, long[] declared, long[] rowShape, InputLayout layout) {
        String expected = "[N, " + Arrays.toString(rowShape).substring(1);
        if (declared.length != rowShape.length + 1) {
            throw new ModelException("model " + name + " input '" + input + "' has shape " + Arrays.toString(declared)
                    + "; layout " + layout + " feeds " + expected);
        }
        for (int i = 0; i < rowShape.length; i++) {
            long d = declared[i + 1];
            if (d > 0 && d != rowShape[i]) {
                throw new ModelException("model " + name + " input '" + input + "' has shape " + Arrays.toString(declared)
                        + "; layout " + layout + " feeds " + expected
                        + " (set the analysis size and frames per second to match the model)");
            }
        }
        long batch = declared[0];
        if (batch > 1) {
            throw new ModelException("model " + name + " input '" + input + "' has a fixed batch of " + batch
                    + "; export it with a dynamic batch dimension (or a batch of 1)");
        }
        return batch == 1 ? 1 : Integer.MAX_VALUE;
    }

    /** Name for {@code VideoScore.model}: the default model's name, or {@code user:<file name>}. */
    public String name() {
        return name;
    }

    public ModelSpec spec() {
        return spec;
    }

    public InputLayout layout() {
        return spec.layout();
    }

    /** Shape of one input row (without the batch dimension). */
    public long[] rowShape() {
        return rowShape.clone();
    }

    /** Floats per input row. */
    public int rowLength() {
        long n = 1;
        for (long d : rowShape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** The largest batch the model accepts (1 for models exported with a fixed batch of 1). */
    public int maxBatch() {
        return maxBatch;
    }

    /** The provider the session runs on (CPU after a fallback). */
    public ExecutionProvider provider() {
        return runner.provider();
    }

    public ModelRunner runner() {
        return runner;
    }

    /** Scores of the first {@code rows} rows of {@code batch}, each in 0..1. */
    public float[] score(FloatBatch batch, int rows) {
        ModelOutputs out = runner.run(inputName, batch, rows);
        float[] x = out.floats(outputName);
        long[] shape = out.shape(outputName);
        if (shape.length == 0 || shape[0] != rows || x.length % rows != 0) {
            throw new ModelException("model " + name + " output '" + outputName + "' has shape " + Arrays.toString(shape)
                    + " for a batch of " + rows + "; expected the batch as first dimension");
        }
        int d = x.length / rows;
        float[] scores = new float[rows];
        try {
            for (int r = 0; r < rows; r++) {
                scores[r] = spec.mapping().score(x, r * d, d);
            }
        } catch (IllegalArgumentException e) {
            throw new ModelException("model " + name + " output '" + outputName + "': " + e.getMessage(), e);
        }
        return scores;
    }

    @Override
    public String toString() {
        return "ActivityModel{" + name + ", " + spec.layout() + " " + Arrays.toString(rowShape) + ", " + runner.provider() + "}";
    }
}
