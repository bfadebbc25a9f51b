package dev.highlights.worker.media;

import java.nio.ByteBuffer;

/** Builds {@link SampledFrame}s from plain arrays for unit tests (the constructor is package-private). */
public final class TestFrames {
    private TestFrames() {
    }

    /** A packed BGR frame (rows of {@code stride} bytes) as the decoder would deliver it. */
    public static SampledFrame bgr(int width, int height, int stride, int k, long second, int slot, boolean repeated,
                                   byte[] packed) {
        ByteBuffer buf = ByteBuffer.allocateDirect(stride * height);
        buf.put(0, packed, 0, Math.min(packed.length, stride * height));
        SampledFrame f = new SampledFrame(width, height, stride, k, VideoDecodeOptions.PixelFormat.BGR24,
                buf.asReadOnlyBuffer());
        f.set(second, slot, (second * k + slot) * 1_000_000L / k, repeated, false);
        return f;
    }

    /** A BGR frame without row padding. */
    public static SampledFrame bgr(int width, int height, int k, long second, int slot, byte[] packed) {
        return bgr(width, height, width * 3, k, second, slot, false, packed);
    }
}
