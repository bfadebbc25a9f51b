package dev.highlights.worker.media;

import java.util.Arrays;

/**
 * Cuts a stream of samples placed at absolute sample indices (media time x rate) into whole media
 * seconds and hands them to a {@link SecondSink}: seconds come in order without gaps, starting at the
 * warm-up second, flagged warm-up before the first emitted second, and stop at the span's end. Samples
 * before the warm-up second are dropped; holes are zero-filled.
 */
public final class SecondAssembler {
    /** A trailing partial second shorter than this fraction of a second (encoder padding) is dropped. */
    static final double MIN_TRAILING_FRACTION = 0.1;

    private final int rate;
    private final long warmFrom;
    private final long emitFrom;
    private final long endSecond;
    private final SecondSink sink;
    private final float[] row;
    private long nextSecond;
    private int rowValid;
    private boolean done;
    private int emitted;
    private int warmUps;
    private long firstEmitted = -1;
    private long lastEmitted = -1;

    public SecondAssembler(int rate, long warmFrom, long emitFrom, long endSecond, SecondSink sink) {
        if (warmFrom > emitFrom) {
            throw new IllegalArgumentException("warm-up second " + warmFrom + " after first second " + emitFrom);
        }
        this.rate = rate;
        this.warmFrom = warmFrom;
        this.emitFrom = emitFrom;
        this.endSecond = endSecond;
        this.sink = sink;
        this.row = new float[rate];
        this.nextSecond = warmFrom;
        this.done = warmFrom >= endSecond;
    }

    public static SecondAssembler forSpan(MediaSpan span, int rate, SecondSink sink) {
        return new SecondAssembler(rate, span.warmUpSecond(), span.firstSecond(), span.endSecond(), sink);
    }

    /** Places {@code len} samples whose first one is at absolute index {@code index}. */
    public void accept(long index, float[] src, int offset, int len) {
        if (done || len <= 0) {
            return;
        }
        long floor = nextSecond * rate;
        if (index + len <= floor) {
            return;
        }
        if (index < floor) {
            int skip = (int) (floor - index);
            offset += skip;
            len -= skip;
            index = floor;
        }
        while (len > 0 && !done) {
            long sec = Math.floorDiv(index, rate);
            if (sec >= endSecond) {
                done = true;
                return;
            }
            while (nextSecond < sec && !done) {
                emit(rate);
            }
            if (done) {
                return;
            }
            int pos = (int) (index - sec * rate);
            int n = Math.min(len, rate - pos);
            System.arraycopy(src, offset, row, pos, n);
            rowValid = Math.max(rowValid, pos + n);
            index += n;
            offset += n;
            len -= n;
            if (pos + n == rate) {
                emit(rate);
            }
        }
    }

    /** End of media: emits the partial last second if it holds enough samples. */
    public void finish() {
        if (!done && rowValid >= Math.ceil(rate * MIN_TRAILING_FRACTION)) {
            emit(rowValid);
        }
        done = true;
    }

    private void emit(int valid) {
        boolean warmUp = nextSecond < emitFrom;
        sink.onSecond(nextSecond, row, valid, warmUp);
        if (warmUp) {
            warmUps++;
        } else {
            emitted++;
            if (firstEmitted < 0) {
                firstEmitted = nextSecond;
            }
            lastEmitted = nextSecond;
        }
        Arrays.fill(row, 0f);
        rowValid = 0;
        nextSecond++;
        if (nextSecond >= endSecond) {
            done = true;
        }
    }

    /** True once the span's last second has been emitted: the decoder can stop. */
    public boolean done() {
        return done;
    }

    public int rate() {
        return rate;
    }

    public long warmFrom() {
        return warmFrom;
    }

    public int emitted() {
        return emitted;
    }

    public int warmUps() {
        return warmUps;
    }

    public long firstEmitted() {
        return firstEmitted;
    }

    public long lastEmitted() {
        return lastEmitted;
    }
}
