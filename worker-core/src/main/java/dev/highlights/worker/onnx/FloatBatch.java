package dev.highlights.worker.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A reusable model input of up to {@code maxRows} rows of {@code rowLength} floats in one direct,
 * native-order buffer. ONNX Runtime wraps a direct buffer without copying, so a worker thread fills
 * rows in place and hands {@link #tensor(OrtEnvironment, int)} to a run; the same memory is used for
 * every batch. Not thread-safe: one per worker thread (sessions are shared, buffers are not).
 *
 * <p>Trailing dimensions other than a flat row can be given with {@link #FloatBatch(int, long...)}
 * (e.g. frames {@code [K, H, W]} per row for a video model).
 */
public final class FloatBatch {
    private final int maxRows;
    private final int rowLength;
    private final long[] rowShape;
    private final FloatBuffer buffer;

    public FloatBatch(int maxRows, int rowLength) {
        this(maxRows, new long[] {rowLength});
    }

    public FloatBatch(int maxRows, long... rowShape) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0");
        }
        long len = 1;
        for (long d : rowShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("row dimensions must be > 0: " + Arrays.toString(rowShape));
            }
            len *= d;
        }
        if (len * maxRows > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("batch too large");
        }
        this.maxRows = maxRows;
        this.rowLength = (int) len;
        this.rowShape = rowShape.clone();
        this.buffer = ByteBuffer.allocateDirect(maxRows * rowLength * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public int maxRows() {
        return maxRows;
    }

    public int rowLength() {
        return rowLength;
    }

    /** Copies {@code len} floats into row {@code row}; the rest of the row is zero-filled. */
    public void putRow(int row, float[] src, int offset, int len) {
        checkRow(row);
        if (len > rowLength) {
            throw new IllegalArgumentException("row of " + len + " floats exceeds row length " + rowLength);
        }
        int base = row * rowLength;
        buffer.put(base, src, offset, len);
        for (int i = base + len, end = base + rowLength; i < end; i++) {
            buffer.put(i, 0f);
        }
    }

    /** Writes one value of row {@code row} at {@code index} within the row. */
    public void put(int row, int index, float value) {
        checkRow(row);
        buffer.put(row * rowLength + index, value);
    }

    public float get(int row, int index) {
        checkRow(row);
        return buffer.get(row * rowLength + index);
    }

    /** The whole backing buffer (absolute indexing: {@code row * rowLength + i}). */
    public FloatBuffer buffer() {
        return buffer;
    }

    /** Shape of a batch of {@code rows} rows: {@code [rows, rowShape...]}. */
    public long[] shape(int rows) {
        long[] s = new long[rowShape.length + 1];
        s[0] = rows;
        System.arraycopy(rowShape, 0, s, 1, rowShape.length);
        return s;
    }

    /**
     * A tensor over the first {@code rows} rows, backed by this buffer without a copy. Close it after
     * the run; the buffer stays valid and is reused.
     */
    public OnnxTensor tensor(OrtEnvironment env, int rows) throws OrtException {
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in 1.." + maxRows + ", got " + rows);
        }
        FloatBuffer view = buffer.duplicate();
        view.position(0).limit(rows * rowLength);
        return OnnxTensor.createTensor(env, view, shape(rows));
    }

    private void checkRow(int row) {
        if (row < 0 || row >= maxRows) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (maxRows - 1));
        }
    }
}
