package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Per-VOD z-score of a feature against a trailing window, the streaming stand-in for the reference's whole-VOD z.
 *
 * <p>Relation to the whole-VOD z: the reference computes {@code (x - mean_VOD) / sd_VOD} with statistics over the
 * entire VOD, future seconds included. Here {@code z = (x - mean_W) / max(sd_W, floor)} where mean and population sd
 * run over the seconds of the trailing window that have a value, the current one included. On a stationary signal
 * mean_W and sd_W converge to the VOD's (standard error about sd/sqrt(n) for the mean and sd/sqrt(2n) for the sd: about
 * 4 % with n = 600), so the two z agree except during warm-up. Where the signal drifts (a quiet intro, a loud finale)
 * the rolling z follows the local baseline, which is the point of streaming it.
 *
 * <p>The window is kept in buckets of {@code bucketSec} seconds: totals are updated in O(1) per value and rebuilt from
 * the buckets (O(window/bucket)) only when the newest bucket moves, i.e. O(1) amortised per second and a state of a few
 * hundred numbers however long the window. The window therefore covers the newest (partial) bucket plus the previous
 * {@code buckets - 1} full ones: between {@code windowSec - bucketSec + 1} and {@code windowSec} seconds.
 *
 * <p>Warm-up: {@link #zScore} is NaN until {@code warmupSamples} values are in the window. Values are stored relative
 * to the first value seen, which keeps the sum of squares well conditioned for large offsets (brightness near 128).
 */
public final class RollingZScore implements FeatureBaseline {
    static final byte KIND = 0;

    private final int bucketSec;
    private final int warmupSamples;
    private final double minStdDev;
    private final int[] count;
    private final double[] sum;
    private final double[] sumSq;
    private long headBucket = Long.MIN_VALUE;
    private double shift = Double.NaN;
    private long n;
    private double s;
    private double ss;

    public RollingZScore(int windowSec, int bucketSec, int warmupSamples, double minStdDev) {
        if (bucketSec < 1 || windowSec < bucketSec) throw new IllegalArgumentException("windowSec >= bucketSec >= 1");
        this.bucketSec = bucketSec;
        this.warmupSamples = warmupSamples;
        this.minStdDev = minStdDev;
        int buckets = (windowSec + bucketSec - 1) / bucketSec;
        this.count = new int[buckets];
        this.sum = new double[buckets];
        this.sumSq = new double[buckets];
    }

    public static RollingZScore fromConfig(FusionConfig c) {
        return new RollingZScore(c.rollingWindowSec(), c.rollingBucketSec(), c.rollingWarmupSec(), c.rollingMinStdDev());
    }

    @Override
    public byte kind() {
        return KIND;
    }

    /** Moves the window's head to the bucket of {@code second}, forgetting buckets that fall out. */
    @Override
    public void advanceTo(int second) {
        long b = Math.floorDiv(second, bucketSec);
        if (headBucket == Long.MIN_VALUE) {
            headBucket = b;
            return;
        }
        if (b <= headBucket) return;
        int buckets = count.length;
        long steps = Math.min(b - headBucket, buckets);
        for (long i = 1; i <= steps; i++) {
            int slot = slot(headBucket + i);
            count[slot] = 0;
            sum[slot] = 0;
            sumSq[slot] = 0;
        }
        headBucket = b;
        // Rebuild the totals from the buckets: exact and free of drift from many adds and removes.
        n = 0;
        s = 0;
        ss = 0;
        for (int i = 0; i < buckets; i++) {
            n += count[i];
            s += sum[i];
            ss += sumSq[i];
        }
    }

    /** Adds a value; returns false (and ignores it) when its second is already outside the window. */
    @Override
    public boolean add(int second, double x) {
        advanceTo(second);
        if (!inWindow(second)) return false;
        if (Double.isNaN(shift)) shift = x;
        double d = x - shift;
        int slot = slot(Math.floorDiv(second, bucketSec));
        count[slot]++;
        sum[slot] += d;
        sumSq[slot] += d * d;
        n++;
        s += d;
        ss += d * d;
        return true;
    }

    /** Removes a value added earlier for {@code second} (a corrected input); false when it has already left the window. */
    @Override
    public boolean remove(int second, double x) {
        if (headBucket == Long.MIN_VALUE || !inWindow(second) || second > (headBucket + 1) * bucketSec - 1) return false;
        double d = x - shift;
        int slot = slot(Math.floorDiv(second, bucketSec));
        if (count[slot] == 0) return false;
        count[slot]--;
        sum[slot] -= d;
        sumSq[slot] -= d * d;
        n--;
        s -= d;
        ss -= d * d;
        return true;
    }

    /** z of {@code x} against the current window; NaN during warm-up. */
    @Override
    public double zScore(double x) {
        if (n < warmupSamples) return Double.NaN;
        return (x - mean()) / Math.max(stdDev(), minStdDev);
    }

    public long count() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : shift + s / n;
    }

    /** Population sd of the window. */
    public double stdDev() {
        if (n == 0) return Double.NaN;
        double m = s / n;
        return Math.sqrt(Math.max(0, ss / n - m * m));
    }

    private boolean inWindow(int second) {
        return Math.floorDiv(second, bucketSec) > headBucket - count.length;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) count.length);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeInt(bucketSec);
        out.writeInt(warmupSamples);
        out.writeDouble(minStdDev);
        out.writeInt(count.length);
        out.writeLong(headBucket);
        out.writeDouble(shift);
        out.writeLong(n);
        out.writeDouble(s);
        out.writeDouble(ss);
        for (int i = 0; i < count.length; i++) {
            out.writeInt(count[i]);
            out.writeDouble(sum[i]);
            out.writeDouble(sumSq[i]);
        }
    }

    static RollingZScore read(DataInput in) throws IOException {
        int bucketSec = in.readInt();
        int warmup = in.readInt();
        double minStd = in.readDouble();
        int buckets = in.readInt();
        RollingZScore r = new RollingZScore(buckets * bucketSec, bucketSec, warmup, minStd);
        r.headBucket = in.readLong();
        r.shift = in.readDouble();
        r.n = in.readLong();
        r.s = in.readDouble();
        r.ss = in.readDouble();
        for (int i = 0; i < buckets; i++) {
            r.count[i] = in.readInt();
            r.sum[i] = in.readDouble();
            r.sumSq[i] = in.readDouble();
        }
        return r;
    }
}
