package dev.highlights.worker.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded model: an {@link OrtSession} created once by {@link OnnxSessions} and shared by all
 * worker threads ({@code OrtSession.run} is thread-safe). Callers bring their own reusable
 * {@link FloatBatch}; outputs are copied out as float arrays.
 */
public final class ModelRunner {
    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> inputs;
    private final Map<String, TensorInfo> outputs;
    /**
     * Runs share the session; closing it waits for the runs in flight. A worker that stops may leave a segment thread
     * in the middle of a run: closing the native session under it crashed the JVM (SIGSEGV in OrtSession.run).
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    ModelRunner(String name, OrtEnvironment env, OrtSession session, ExecutionProvider provider) throws OrtException {
        this.name = name;
        this.env = env;
        this.session = session;
        this.provider = provider;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(session.getMetadata().getCustomMetadata()));
        this.inputs = tensorInfos(session.getInputInfo());
        this.outputs = tensorInfos(session.getOutputInfo());
    }

    private static Map<String, TensorInfo> tensorInfos(Map<String, NodeInfo> infos) {
        Map<String, TensorInfo> m = new LinkedHashMap<>();
        infos.forEach((k, v) -> {
            if (v.getInfo() instanceof TensorInfo ti) {
                m.put(k, ti);
            }
        });
        return Collections.unmodifiableMap(m);
    }

    public String name() {
        return name;
    }

    /** The provider this session runs on (CPU after a fallback). */
    public ExecutionProvider provider() {
        return provider;
    }

    /** The model's custom metadata ({@code metadata_props}), e.g. labels or sample rate. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Map<String, TensorInfo> inputs() {
        return inputs;
    }

    public Map<String, TensorInfo> outputs() {
        return outputs;
    }

    public OrtSession session() {
        return session;
    }

    /** Shape of input {@code name} as declared by the model ({@code -1} for dynamic dimensions). */
    public long[] inputShape(String inputName) {
        TensorInfo ti = inputs.get(inputName);
        if (ti == null) {
            throw new ModelException("model '" + name + "' has no input '" + inputName + "' (inputs: " + inputs.keySet() + ")");
        }
        return ti.getShape();
    }

    /** Runs the model's only input on the first {@code rows} rows of {@code batch}. */
    public ModelOutputs run(FloatBatch batch, int rows) {
        if (inputs.size() != 1) {
            throw new ModelException("model '" + name + "' has " + inputs.size() + " inputs; name the one to feed");
        }
        return run(inputs.keySet().iterator().next(), batch, rows);
    }

    /** Runs input {@code inputName} on the first {@code rows} rows of {@code batch}; all float outputs are returned. */
    public ModelOutputs run(String inputName, FloatBatch batch, int rows) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new ModelException("model '" + name + "' is closed (the worker is stopping)");
            }
            return runOpen(inputName, batch, rows);
        } finally {
            lock.readLock().unlock();
        }
    }

    private ModelOutputs runOpen(String inputName, FloatBatch batch, int rows) {
        try (OnnxTensor input = batch.tensor(env, rows);
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t && t.getInfo().type == OnnxJavaType.FLOAT) {
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] arr = new float[fb.remaining()];
                    fb.get(arr);
                    values.put(e.getKey(), arr);
                    shapes.put(e.getKey(), t.getInfo().getShape());
                }
            }
            return new ModelOutputs(values, shapes);
        } catch (OrtException e) {
            throw new ModelException("model '" + name + "' failed on a batch of " + rows + " rows: " + e.getMessage(), e);
        }
    }

    /** Output names in model order. */
    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    /** Closes the session once the runs in flight have returned; later runs fail with a {@link ModelException}. */
    void close() throws OrtException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "ModelRunner{" + name + " on " + provider + "}";
    }
}
