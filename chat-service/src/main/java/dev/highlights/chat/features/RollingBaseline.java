package dev.highlights.chat.features;

/**
 * Trailing window of per-second message counts with median, MAD, mean and standard deviation.
 *
 * <p>Counts are small non-negative integers, so the window is also kept as a histogram over values in a Fenwick
 * (binary indexed) tree: a push is O(log V), the median is a rank query, O(log V), and the MAD a binary search over
 * the deviation with two prefix sums per step, O(log^2 V), where V is the largest count seen (rounded up to a power
 * of two, at most 2^20). Mean and standard deviation come from running integer sums, O(1).
 *
 * <p>Median and MAD use the usual definition: for an even number of values, the mean of the two middle ones.
 * Values above {@value #MAX_VALUE} are clipped (no chat gets near a million messages in one second).
 */
public final class RollingBaseline {

    static final int MAX_VALUE = (1 << 20) - 1;
    private static final int INITIAL_DOMAIN = 64;

    private final int window;
    private final boolean includeQuietSeconds;
    private final int[] ring;
    private int head;
    private int filled;
    private long totalPushed;

    // Histogram of the counted values: plain counts plus a Fenwick tree over them (index v + 1 holds value v).
    private int[] counts = new int[INITIAL_DOMAIN];
    private int[] tree = new int[INITIAL_DOMAIN + 1];
    private int samples;
    private long sum;
    private long sumOfSquares;

    /**
     * @param windowSeconds       seconds in the trailing window
     * @param includeQuietSeconds whether seconds with count 0 enter the statistics (they always fill the window)
     */
    public RollingBaseline(int windowSeconds, boolean includeQuietSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        this.window = windowSeconds;
        this.includeQuietSeconds = includeQuietSeconds;
        this.ring = new int[windowSeconds];
    }

    /** Appends the next second's final count, evicting the oldest once the window is full. */
    public void push(int count) {
        int value = Math.min(Math.max(count, 0), MAX_VALUE);
        if (filled == window) {
            uncount(ring[head]);
        } else {
            filled++;
        }
        ring[head] = value;
        head = (head + 1) % window;
        count(value);
        totalPushed++;
    }

    public int windowSeconds() {
        return window;
    }

    public boolean includesQuietSeconds() {
        return includeQuietSeconds;
    }

    /** Seconds currently in the window (quiet ones included), at most the window size. */
    public int secondsInWindow() {
        return filled;
    }

    /** Values the statistics are computed over (without quiet seconds when those are excluded). */
    public int samples() {
        return samples;
    }

    /** Seconds pushed since the start. */
    public long totalPushed() {
        return totalPushed;
    }

    /** The window's counts, oldest first (for snapshots and tests). */
    public int[] windowCounts() {
        int[] out = new int[filled];
        int start = (head - filled + window) % window;
        for (int i = 0; i < filled; i++) {
            out[i] = ring[(start + i) % window];
        }
        return out;
    }

    /** Rebuilds a baseline from {@link #windowCounts()} and {@link #totalPushed()}. */
    public static RollingBaseline restore(int windowSeconds, boolean includeQuietSeconds, long totalPushed,
                                          int[] windowCounts) {
        if (windowCounts.length > windowSeconds || totalPushed < windowCounts.length) {
            throw new IllegalArgumentException("inconsistent baseline snapshot");
        }
        RollingBaseline baseline = new RollingBaseline(windowSeconds, includeQuietSeconds);
        for (int c : windowCounts) {
            baseline.push(c);
        }
        baseline.totalPushed = totalPushed;
        return baseline;
    }

    /** Median of the counted values, 0 when there are none. */
    public double median() {
        return samples == 0 ? 0.0 : twiceMedian() / 2.0;
    }

    /** Median absolute deviation from the median (unscaled), 0 when there are no values. */
    public double mad() {
        if (samples == 0) {
            return 0.0;
        }
        long m2 = twiceMedian();
        // Work in doubled units so a half-integer median keeps deviations integral: |2x - 2m|.
        if ((samples & 1) == 1) {
            return kthDoubledDeviation(m2, (samples + 1) / 2) / 2.0;
        }
        return (kthDoubledDeviation(m2, samples / 2) + kthDoubledDeviation(m2, samples / 2 + 1)) / 4.0;
    }

    public double mean() {
        return samples == 0 ? 0.0 : (double) sum / samples;
    }

    /** Population standard deviation (divides by n, as numpy's default the reference used). */
    public double stddev() {
        if (samples == 0) {
            return 0.0;
        }
        double mean = (double) sum / samples;
        double variance = (double) sumOfSquares / samples - mean * mean;
        return variance <= 0 ? 0.0 : Math.sqrt(variance);
    }

    private long twiceMedian() {
        if ((samples & 1) == 1) {
            return 2L * kth((samples + 1) / 2);
        }
        return (long) kth(samples / 2) + kth(samples / 2 + 1);
    }

    /** The k-th smallest |2x - m2| over the counted values (1-based k): smallest d whose band holds >= k values. */
    private long kthDoubledDeviation(long m2, int k) {
        long lo = 0;
        long hi = Math.max(m2, 2L * (counts.length - 1) - m2);
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (countWithin(m2, mid) >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Values x with |2x - m2| <= d, i.e. x in [ceil((m2 - d) / 2), floor((m2 + d) / 2)]. */
    private int countWithin(long m2, long d) {
        long low = Math.max(0, Math.floorDiv(m2 - d + 1, 2));
        long high = Math.min(counts.length - 1L, Math.floorDiv(m2 + d, 2));
        if (low > high) {
            return 0;
        }
        return prefix((int) high) - (low == 0 ? 0 : prefix((int) low - 1));
    }

    private void count(int value) {
        if (value == 0 && !includeQuietSeconds) {
            return;
        }
        ensureDomain(value);
        counts[value]++;
        add(value, 1);
        samples++;
        sum += value;
        sumOfSquares += (long) value * value;
    }

    private void uncount(int value) {
        if (value == 0 && !includeQuietSeconds) {
            return;
        }
        counts[value]--;
        add(value, -1);
        samples--;
        sum -= value;
        sumOfSquares -= (long) value * value;
    }

    private void ensureDomain(int value) {
        if (value < counts.length) {
            return;
        }
        int size = Math.min(Integer.highestOneBit(value) << 1, MAX_VALUE + 1);
        int[] grown = new int[size];
        System.arraycopy(counts, 0, grown, 0, counts.length);
        counts = grown;
        // Linear-time Fenwick build from the plain counts.
        tree = new int[size + 1];
        for (int i = 1; i <= size; i++) {
            tree[i] += counts[i - 1];
            int parent = i + (i & -i);
            if (parent <= size) {
                tree[parent] += tree[i];
            }
        }
    }

    private void add(int value, int delta) {
        for (int i = value + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** Number of counted values <= value. */
    private int prefix(int value) {
        int total = 0;
        for (int i = value + 1; i > 0; i -= i & -i) {
            total += tree[i];
        }
        return total;
    }

    /** The k-th smallest counted value (1-based), by descending the Fenwick tree. */
    private int kth(int k) {
        int pos = 0;
        int remaining = k;
        for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
            int next = pos + step;
            if (next < tree.length && tree[next] < remaining) {
                pos = next;
                remaining -= tree[next];
            }
        }
        return pos; // tree index pos + 1 holds value pos
    }
}
