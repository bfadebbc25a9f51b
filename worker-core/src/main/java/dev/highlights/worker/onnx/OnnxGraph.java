package dev.highlights.worker.onnx;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds small ONNX models from Java on top of Tribuo's graph builder ({@code org.tribuo.util.onnx}),
 * so the project can ship default models without downloading weights, and tests can generate models
 * of any signature.
 *
 * <p>Tribuo's {@link ONNXOperators} covers a handful of operators; {@link #op(String, List, Map)}
 * emits any standard operator of opset {@value #OPSET} by name (MatMul, Reshape, Slice, Log, ...).
 * Inputs and outputs take arbitrary shapes ({@code -1} = the dynamic batch dimension {@code N}).
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("scale");
 * ONNXRef<?> x = g.input("x", -1, 4);
 * g.output(g.op("Mul", x, g.constant("w", new float[] {1, 2, 3, 4}, 4)), "y", -1, 4);
 * byte[] model = g.toBytes(Map.of("description", "y = x * w"));
 * }</pre>
 *
 * Not thread-safe; build a model on one thread, then share the bytes.
 */
public final class OnnxGraph {
    /** The ai.onnx opset the generated models import (Tribuo's operator definitions target 13). */
    public static final int OPSET = 13;
    /** Name of the dynamic batch dimension in generated signatures. */
    public static final String BATCH_DIM = "N";

    private final String name;
    private final ONNXContext ctx = new ONNXContext();
    private final Map<String, long[]> inputShapes = new LinkedHashMap<>();
    private final Map<String, long[]> outputShapes = new LinkedHashMap<>();

    public OnnxGraph(String name) {
        this.name = name;
        ctx.setName(name);
    }

    /** Tribuo's context, for its own operators ({@link ONNXOperators}) or helpers. */
    public ONNXContext context() {
        return ctx;
    }

    /** A float input of the given shape ({@code -1} marks the dynamic batch dimension). */
    public ONNXPlaceholder input(String inputName, long... dims) {
        ONNXPlaceholder p = ctx.floatInput(inputName, 1);
        inputShapes.put(inputName, dims.clone());
        return p;
    }

    /** Declares {@code value} as float output {@code outputName} with the given shape. */
    public void output(ONNXRef<?> value, String outputName, long... dims) {
        ONNXPlaceholder p = ctx.floatOutput(outputName, 1);
        value.assignTo(p);
        outputShapes.put(outputName, dims.clone());
    }

    /** A float initializer of the given shape (row-major values). */
    public ONNXRef<?> constant(String constName, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(constName + ": " + values.length + " values for shape " + Arrays.toString(dims));
        }
        List<Integer> shape = new ArrayList<>();
        for (long d : dims) {
            shape.add(Math.toIntExact(d));
        }
        return ctx.floatTensor(constName, shape, fb -> fb.put(values));
    }

    /** A float scalar initializer. */
    public ONNXRef<?> scalar(String constName, float value) {
        return ctx.constant(constName, value);
    }

    /** A 1-D int64 initializer (shapes, axes, slice bounds). */
    public ONNXRef<?> longs(String constName, long... values) {
        return ctx.array(constName, values);
    }

    /** Any ai.onnx operator with one output and no attributes. */
    public ONNXNode op(String opType, ONNXRef<?>... inputs) {
        return op(opType, Arrays.asList(inputs), Map.of());
    }

    /**
     * Any ai.onnx operator with one output. Attribute values: {@code Float}, {@code Integer},
     * {@code Long} (stored as INT), {@code String}, {@code float[]}, {@code int[]}, {@code long[]}.
     */
    public ONNXNode op(String opType, List<? extends ONNXRef<?>> inputs, Map<String, Object> attributes) {
        Map<String, ONNXAttribute> attrs = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            Object value = v;
            OnnxMl.AttributeProto.AttributeType type;
            if (v instanceof Float) {
                type = OnnxMl.AttributeProto.AttributeType.FLOAT;
            } else if (v instanceof Double d) {
                type = OnnxMl.AttributeProto.AttributeType.FLOAT;
                value = d.floatValue();
            } else if (v instanceof Integer) {
                type = OnnxMl.AttributeProto.AttributeType.INT;
            } else if (v instanceof Long l) {
                type = OnnxMl.AttributeProto.AttributeType.INT;
                value = Math.toIntExact(l);
            } else if (v instanceof String) {
                type = OnnxMl.AttributeProto.AttributeType.STRING;
            } else if (v instanceof float[]) {
                type = OnnxMl.AttributeProto.AttributeType.FLOATS;
            } else if (v instanceof int[]) {
                type = OnnxMl.AttributeProto.AttributeType.INTS;
            } else if (v instanceof long[] la) {
                type = OnnxMl.AttributeProto.AttributeType.INTS;
                value = Arrays.stream(la).mapToInt(Math::toIntExact).toArray();
            } else {
                throw new IllegalArgumentException("unsupported attribute type for " + opType + "." + k + ": " + v.getClass());
            }
            attrs.put(k, new ONNXAttribute(k, type, false));
            values.put(k, value);
        });
        GenericOp op = new GenericOp(opType, inputs.size(), Collections.unmodifiableMap(attrs));
        return ctx.operation(op, inputs, opType.toLowerCase(java.util.Locale.ROOT), values);
    }

    /** The model, with {@code metadata} as custom metadata ({@code metadata_props}). */
    public OnnxMl.ModelProto toModel(Map<String, String> metadata) {
        OnnxMl.GraphProto graph = ctx.buildGraph();
        OnnxMl.GraphProto.Builder gb = graph.toBuilder();
        List<OnnxMl.ValueInfoProto> ins = new ArrayList<>(gb.getInputList());
        gb.clearInput();
        for (OnnxMl.ValueInfoProto vi : ins) {
            long[] dims = inputShapes.get(vi.getName());
            gb.addInput(dims == null ? vi : valueInfo(vi.getName(), dims));
        }
        List<OnnxMl.ValueInfoProto> outs = new ArrayList<>(gb.getOutputList());
        gb.clearOutput();
        for (OnnxMl.ValueInfoProto vi : outs) {
            long[] dims = outputShapes.get(vi.getName());
            gb.addOutput(dims == null ? vi : valueInfo(vi.getName(), dims));
        }
        gb.setName(name);
        OnnxMl.ModelProto.Builder mb = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("dev.highlights")
                .setProducerVersion("1")
                .setGraph(gb.build())
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET).build());
        if (metadata != null) {
            metadata.forEach((k, v) -> mb.addMetadataProps(
                    OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        }
        return mb.build();
    }

    public byte[] toBytes(Map<String, String> metadata) {
        return toModel(metadata).toByteArray();
    }

    /** Writes the model to {@code file} (parent directories created) and returns the file. */
    public Path write(Path file, Map<String, String> metadata) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toBytes(metadata));
        return file;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long[] dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder db = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d < 0) {
                db.setDimParam(BATCH_DIM);
            } else {
                db.setDimValue(d);
            }
            shape.addDim(db);
        }
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape))
                .build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** Any standard operator by name, with the attributes of one call. */
    private record GenericOp(String opName, int numInputs, Map<String, ONNXAttribute> attributes)
            implements ONNXOperator {
        @Override
        public String getOpName() {
            return opName;
        }

        @Override
        public int getNumInputs() {
            return numInputs;
        }

        @Override
        public int getNumOptionalInputs() {
            return 0;
        }

        @Override
        public int getNumOutputs() {
            return 1;
        }

        @Override
        public Map<String, ONNXAttribute> getAttributes() {
            return attributes;
        }

        @Override
        public Set<String> getMandatoryAttributeNames() {
            return Set.of();
        }

        @Override
        public int getOpVersion() {
            return OPSET;
        }

        @Override
        public String getOpDomain() {
            return ONNXOperators.MUL.getOpDomain();
        }
    }
}
