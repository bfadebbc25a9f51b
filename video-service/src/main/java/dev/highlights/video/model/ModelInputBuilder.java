package dev.highlights.video.model;

import dev.highlights.worker.media.SampledFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds one model input row per media second from the samples, as an {@link InputLayout} says.
 * Driven like the feature extractor: {@link #add} for each sample of the open second (with its grey
 * plane, already computed by the features), {@link #closeSecond()} to get the row. One per decode;
 * not thread-safe; the returned row array is reused.
 */
public final class ModelInputBuilder {
    private final InputLayout layout;
    private final int k;
    private final int width;
    private final int height;
    private final int fs;
    private final float[] row;
    private final int mid;
    // GREY_FRAMES state
    private int filled = -1;        // last written frame position in the row (0..K), -1: none
    private boolean haveLast;       // the row's frame 0 can come from the previous second
    private boolean open;
    private int rgbSlot = -1;

    public ModelInputBuilder(InputLayout layout, int k, int height, int width) {
        this.layout = layout;
        this.k = k;
        this.width = width;
        this.height = height;
        this.fs = width * height;
        this.row = new float[layout == InputLayout.GREY_FRAMES ? (k + 1) * fs : 3 * fs];
        this.mid = k / 2;
    }

    public int rowLength() {
        return row.length;
    }

    /**
     * Adds a sample of the open second.
     *
     * @param grey the sample's grey plane (width x height, row-major)
     */
    public void add(SampledFrame frame, byte[] grey) {
        if (!open) {
            open();
        }
        int slot = frame.slot();
        if (layout == InputLayout.GREY_FRAMES) {
            int pos = slot + 1;
            if (pos <= filled) {
                return; // not expected: samples come in slot order
            }
            for (int p = Math.max(1, filled + 1); p < pos && filled >= 0; p++) {
                System.arraycopy(row, filled * fs, row, p * fs, fs);
            }
            int base = pos * fs;
            for (int i = 0; i < fs; i++) {
                row[base + i] = (grey[i] & 0xFF) * (1f / 255f);
            }
            if (filled < 0) {
                // No earlier sample: frame 0 (and any skipped position) repeats this one.
                for (int p = 0; p < pos; p++) {
                    System.arraycopy(row, base, row, p * fs, fs);
                }
            }
            filled = pos;
        } else if (rgbSlot < 0 || slot <= mid) {
            writeRgb(frame);
            rgbSlot = slot;
        }
    }

    private void open() {
        open = true;
        if (layout == InputLayout.GREY_FRAMES) {
            if (haveLast) {
                // Frame 0 = the last sample of the previous second, at position K of the previous row.
                System.arraycopy(row, k * fs, row, 0, fs);
                filled = 0;
            } else {
                filled = -1;
            }
        } else {
            rgbSlot = -1;
        }
    }

    private void writeRgb(SampledFrame frame) {
        ByteBuffer px = frame.pixels();
        int stride = frame.stride();
        int o = 0;
        float s = 1f / 255f;
        for (int y = 0; y < height; y++) {
            int p = y * stride;
            for (int x = 0; x < width; x++, p += 3, o++) {
                row[o] = (px.get(p + 2) & 0xFF) * s;          // R
                row[fs + o] = (px.get(p + 1) & 0xFF) * s;     // G
                row[2 * fs + o] = (px.get(p) & 0xFF) * s;     // B
            }
        }
    }

    /** Closes the open second; returns its row (reused by the next second: copy it before adding more). */
    public float[] closeSecond() {
        if (!open) {
            throw new IllegalStateException("no open second");
        }
        if (layout == InputLayout.GREY_FRAMES) {
            for (int p = filled + 1; p <= k; p++) {
                System.arraycopy(row, filled * fs, row, p * fs, fs);
            }
            haveLast = true;
            filled = k;
        }
        open = false;
        return row;
    }

    /** Forgets the previous second (e.g. after a gap). */
    public void reset() {
        haveLast = false;
        open = false;
        filled = -1;
        Arrays.fill(row, 0f);
    }
}
