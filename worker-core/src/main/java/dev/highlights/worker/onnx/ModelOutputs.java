package dev.highlights.worker.onnx;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The float outputs of one run, copied out of ONNX Runtime (flattened, row-major) with their shapes. */
public final class ModelOutputs {
    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;

    ModelOutputs(Map<String, float[]> values, Map<String, long[]> shapes) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Flattened values of output {@code name}. */
    public float[] floats(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new ModelException("model has no float output '" + name + "' (outputs: " + values.keySet() + ")");
        }
        return v;
    }

    public long[] shape(String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new ModelException("model has no float output '" + name + "' (outputs: " + values.keySet() + ")");
        }
        return s.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ModelOutputs{");
        shapes.forEach((k, v) -> sb.append(k).append(Arrays.toString(v)).append(' '));
        return sb.append('}').toString();
    }
}
