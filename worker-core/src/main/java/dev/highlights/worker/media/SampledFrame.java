package dev.highlights.worker.media;

import java.nio.ByteBuffer;

/**
 * One sampled video frame as {@link VideoFrameDecoder} hands it to a {@link FrameSink}: the picture
 * shown at media time {@code second + slot / K}, scaled by FFmpeg into a small packed buffer.
 *
 * <p>A view, reused for every sample of a decode: the pixel buffer is native memory owned by the
 * decoder and is overwritten by the next sample. Not thread-safe.
 */
public final class SampledFrame {
    private final int width;
    private final int height;
    private final int stride;
    private final int framesPerSecond;
    private final VideoDecodeOptions.PixelFormat format;
    private final ByteBuffer pixels;
    private long second;
    private int slot;
    private long frameTimeUs;
    private boolean repeated;
    private boolean warmUp;

    SampledFrame(int width, int height, int stride, int framesPerSecond, VideoDecodeOptions.PixelFormat format,
                 ByteBuffer pixels) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.framesPerSecond = framesPerSecond;
        this.format = format;
        this.pixels = pixels;
    }

    void set(long second, int slot, long frameTimeUs, boolean repeated, boolean warmUp) {
        this.second = second;
        this.slot = slot;
        this.frameTimeUs = frameTimeUs;
        this.repeated = repeated;
        this.warmUp = warmUp;
    }

    /** Media second the sample belongs to. */
    public long second() {
        return second;
    }

    /** Index within the second, {@code 0..K-1}: the sample shows media time {@code second + slot / K}. */
    public int slot() {
        return slot;
    }

    /** Global sample index {@code second * K + slot}. */
    public long sampleIndex() {
        return second * framesPerSecond + slot;
    }

    /** K. */
    public int framesPerSecond() {
        return framesPerSecond;
    }

    /** Media time of the sample, microseconds: {@code sampleIndex * 1e6 / K}. */
    public long sampleTimeUs() {
        return sampleIndex() * 1_000_000L / framesPerSecond;
    }

    /** Presentation time of the decoded picture shown at the sample time (at or before it), microseconds. */
    public long frameTimeUs() {
        return frameTimeUs;
    }

    /**
     * True when no new picture was decoded since the previous sample (low or variable frame rate):
     * the pixels are the previous sample's, unchanged.
     */
    public boolean repeated() {
        return repeated;
    }

    /** True for pre-roll seconds (before the span's first second): context only, not to be emitted. */
    public boolean warmUp() {
        return warmUp;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Bytes between the starts of two rows (at least {@code width * channels}). */
    public int stride() {
        return stride;
    }

    public int channels() {
        return format.channels();
    }

    public VideoDecodeOptions.PixelFormat format() {
        return format;
    }

    /**
     * The packed pixels, {@code height} rows of {@link #stride()} bytes (absolute indexing; position 0).
     * Read-only view of native memory; valid during the {@link FrameSink#onFrame} call only.
     */
    public ByteBuffer pixels() {
        return pixels;
    }

    /** Copies the pixels without row padding into {@code dst} ({@code width * height * channels} bytes). */
    public void copyTo(byte[] dst) {
        int row = width * format.channels();
        if (dst.length < row * height) {
            throw new IllegalArgumentException("destination holds " + dst.length + " bytes, need " + row * height);
        }
        if (stride == row) {
            pixels.get(0, dst, 0, row * height);
        } else {
            for (int y = 0; y < height; y++) {
                pixels.get(y * stride, dst, y * row, row);
            }
        }
    }
}
