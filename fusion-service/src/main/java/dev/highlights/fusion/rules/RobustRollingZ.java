package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Robust rolling z-score of a media feature: {@code (x - median) / max(1.4826 x MAD, floor)} over a trailing window of
 * seconds, the current one included. Unlike mean and standard deviation, median and MAD do not move when a fifth of
 * the window is loud moments, so the next moment stands out as much as the first (docs/detection.md asks for robust rolling
 * baselines); the floor keeps a very steady signal (a constant room tone) from turning noise into large z.
 *
 * <p>Values are quantised on a grid of at most 255 steps over [lo, hi] (clamped): one byte per second of window, and
 * median and MAD are scans over the grid's counts. The grid step bounds their precision, which the floor dwarfs.
 */
final class RobustRollingZ implements FeatureBaseline {
    static final byte KIND = 1;
    private static final int BINS = 255;
    private static final double MAD_TO_SD = 1.4826;

    private final int window;
    private final int warmupSamples;
    private final double lo;
    private final double step;
    private final double floor;
    /** Bin + 1 of the value of each second of the window (0: none), indexed by second mod window. */
    private final byte[] ring;
    private final int[] counts = new int[BINS];
    private int head = Integer.MIN_VALUE;
    private int n;
    private double median = Double.NaN;
    private double spread = Double.NaN;

    /**
     * @param windowSec     trailing window in seconds
     * @param warmupSamples no z-score until this many values are in the window
     * @param lo            the grid's lowest value
     * @param hi            the grid's highest value
     * @param floor         the least spread, in the feature's unit
     */
    RobustRollingZ(int windowSec, int warmupSamples, double lo, double hi, double floor) {
        if (windowSec < 1 || !(hi > lo) || !(floor > 0)) throw new IllegalArgumentException("need window >= 1, hi > lo, floor > 0");
        this.window = windowSec;
        this.warmupSamples = warmupSamples;
        this.lo = lo;
        this.step = (hi - lo) / (BINS - 1);
        this.floor = floor;
        this.ring = new byte[windowSec];
    }

    @Override
    public byte kind() {
        return KIND;
    }

    @Override
    public void advanceTo(int second) {
        if (head == Integer.MIN_VALUE) {
            head = second;
            return;
        }
        if (second <= head) return;
        int steps = (int) Math.min((long) second - head, window);
        for (int i = 1; i <= steps; i++) clear(slot(head + i));
        head = second;
    }

    @Override
    public boolean add(int second, double x) {
        advanceTo(second);
        if (!inWindow(second)) return false;
        int slot = slot(second);
        clear(slot);
        int bin = bin(x);
        ring[slot] = (byte) (bin + 1);
        counts[bin]++;
        n++;
        median = Double.NaN;
        return true;
    }

    @Override
    public boolean remove(int second, double x) {
        if (head == Integer.MIN_VALUE || !inWindow(second) || second > head || ring[slot(second)] == 0) return false;
        clear(slot(second));
        return true;
    }

    @Override
    public double zScore(double x) {
        if (n < warmupSamples || n == 0) return Double.NaN;
        if (Double.isNaN(median)) computeCentreAndSpread();
        return (x - median) / spread;
    }

    /**
     * Lower median of the window's grid values, and the scaled MAD around it (floored): the MAD is the smallest distance
     * d (in grid steps) such that more than half the values lie within d of the median, found by widening d from 0.
     */
    private void computeCentreAndSpread() {
        int rank = (n - 1) / 2;
        int m = binAtRank(rank, counts);
        int within = counts[m];
        int d = 0;
        while (within <= rank) {
            d++;
            if (m - d >= 0) within += counts[m - d];
            if (m + d < BINS) within += counts[m + d];
        }
        median = lo + m * step;
        spread = Math.max(MAD_TO_SD * d * step, floor);
    }

    private static int binAtRank(int rank, int[] histogram) {
        int seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen > rank) return b;
        }
        return histogram.length - 1;
    }

    private void clear(int slot) {
        int stored = ring[slot] & 0xFF;
        if (stored == 0) return;
        counts[stored - 1]--;
        n--;
        ring[slot] = 0;
        median = Double.NaN;
    }

    private int bin(double x) {
        double b = Math.rint((x - lo) / step);
        return (int) Math.max(0, Math.min(BINS - 1, Double.isNaN(b) ? 0 : b));
    }

    private boolean inWindow(int second) {
        return second > head - window;
    }

    private int slot(int second) {
        return Math.floorMod(second, window);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeInt(window);
        out.writeInt(warmupSamples);
        out.writeDouble(lo);
        out.writeDouble(lo + step * (BINS - 1));
        out.writeDouble(floor);
        out.writeInt(head);
        out.write(ring);
    }

    static RobustRollingZ read(DataInput in) throws IOException {
        int window = in.readInt();
        int warmup = in.readInt();
        double lo = in.readDouble();
        double hi = in.readDouble();
        double floor = in.readDouble();
        RobustRollingZ r = new RobustRollingZ(window, warmup, lo, hi, floor);
        r.head = in.readInt();
        in.readFully(r.ring);
        for (byte b : r.ring) {
            int stored = b & 0xFF;
            if (stored == 0) continue;
            r.counts[stored - 1]++;
            r.n++;
        }
        return r;
    }
}
