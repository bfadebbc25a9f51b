package dev.highlights.worker.media;

import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Mono sample-rate conversion (FFmpeg's swresample) that keeps absolute sample positions: the input
 * comes with its absolute index (media time x input rate, from frame timestamps) and the output is
 * delivered with its absolute index at the output rate.
 *
 * <p>Position-exact starts: the converter is started on an input index that is a multiple of
 * {@code inRate / gcd(inRate, outRate)}, where input and output sample grids coincide, so a decode
 * that starts after a seek produces the very samples a decode from the start of the media produces
 * (once the filter history has filled, a few milliseconds). Timestamp jitter up to
 * {@link #JITTER_SEC} is ignored; larger gaps are zero-filled and overlaps dropped.
 *
 * <p>Not thread-safe; one per decoding thread. Close it to free the native context.
 */
public final class AlignedResampler implements AutoCloseable {
    /** Timestamp deviations up to this are treated as continuous audio. */
    static final double JITTER_SEC = 0.005;
    private static final int ZERO_CHUNK = 4096;

    /** Receives converted samples at their absolute output index. */
    @FunctionalInterface
    public interface Output {
        void accept(long index, float[] samples, int offset, int length);
    }

    private final int inRate;
    private final int outRate;
    private final long up;    // L = outRate / g
    private final long down;  // M = inRate / g
    private final long jitter;
    private SwrContext swr;
    private FloatPointer inBuf;
    private FloatPointer outBuf;
    private PointerPointer<?> inPtr;
    private PointerPointer<?> outPtr;
    private float[] outArr = new float[0];
    private float[] zeros;
    private boolean started;
    private long nextIn;
    private long nextOut;

    public AlignedResampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        long g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        this.jitter = Math.max(1, Math.round(inRate * JITTER_SEC));
        if (inRate != outRate) {
            AVChannelLayout mono = new AVChannelLayout().retainReference();
            avutil.av_channel_layout_default(mono, 1);
            swr = new SwrContext().retainReference();
            int r = swr_alloc_set_opts2(swr, mono, avutil.AV_SAMPLE_FMT_FLT, outRate,
                    mono, avutil.AV_SAMPLE_FMT_FLT, inRate, 0, null);
            if (r < 0 || swr.isNull()) {
                throw new IllegalStateException("swr_alloc_set_opts2 failed: " + r);
            }
            avutil.av_opt_set_int(swr, "exact_rational", 1, 0);
            r = swr_init(swr);
            if (r < 0) {
                throw new IllegalStateException("swr_init failed: " + r);
            }
            inBuf = new FloatPointer(4096);
            outBuf = new FloatPointer(4096);
            inPtr = new PointerPointer<>(1).put(0, inBuf);
            outPtr = new PointerPointer<>(1).put(0, outBuf);
        }
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /**
     * Converts {@code len} samples whose first one sits at absolute input index {@code inIndex}.
     * {@code stop} is polled while a long gap is zero-filled.
     */
    public void push(long inIndex, float[] samples, int offset, int len, Output out, BooleanSupplier stop) {
        if (len <= 0) {
            return;
        }
        if (!started) {
            long aligned = Math.floorDiv(inIndex + down - 1, down) * down;
            long skip = aligned - inIndex;
            if (skip >= len) {
                return;
            }
            offset += (int) skip;
            len -= (int) skip;
            nextIn = aligned;
            nextOut = aligned / down * up;
            started = true;
        } else {
            long diff = inIndex - nextIn;
            if (diff > jitter) {
                fillZeros(diff, out, stop);
            } else if (diff < -jitter) {
                long drop = -diff;
                if (drop >= len) {
                    return;
                }
                offset += (int) drop;
                len -= (int) drop;
            }
        }
        convert(samples, offset, len, out);
    }

    private void fillZeros(long count, Output out, BooleanSupplier stop) {
        if (zeros == null) {
            zeros = new float[ZERO_CHUNK];
        }
        while (count > 0 && !stop.getAsBoolean()) {
            int n = (int) Math.min(count, ZERO_CHUNK);
            convert(zeros, 0, n, out);
            count -= n;
        }
    }

    private void convert(float[] samples, int offset, int len, Output out) {
        nextIn += len;
        if (swr == null) {
            out.accept(nextOut, samples, offset, len);
            nextOut += len;
            return;
        }
        if (inBuf.capacity() < len) {
            inBuf.close();
            inBuf = new FloatPointer(len);
            inPtr.put(0, inBuf);
        }
        inBuf.put(samples, offset, len);
        run(len);
        deliver(out);
    }

    /** Drains what the converter still holds (end of input). */
    public void flush(Output out) {
        if (swr == null || !started) {
            return;
        }
        run(0);
        deliver(out);
    }

    private int produced;

    private void run(int inCount) {
        int cap = (int) (((long) inCount * up) / down) + 256;
        if (outBuf.capacity() < cap) {
            outBuf.close();
            outBuf = new FloatPointer(cap);
            outPtr.put(0, outBuf);
        }
        int got = inCount == 0
                ? swr_convert(swr, outPtr, cap, (PointerPointer<?>) null, 0)
                : swr_convert(swr, outPtr, cap, inPtr, inCount);
        if (got < 0) {
            throw new IllegalStateException("swr_convert failed: " + got);
        }
        produced = got;
    }

    private void deliver(Output out) {
        int got = produced;
        if (got == 0) {
            return;
        }
        if (outArr.length < got) {
            outArr = new float[Math.max(got, outArr.length * 2)];
        }
        outBuf.get(outArr, 0, got);
        out.accept(nextOut, outArr, 0, got);
        nextOut += got;
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
            inBuf.close();
            outBuf.close();
            inPtr.close();
            outPtr.close();
        }
    }
}
