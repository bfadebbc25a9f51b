package dev.highlights.video.features;

/**
 * Static-screen detection over a stream of per-second motion values ("starting soon", BRB and ad
 * screens): a run of at least {@code minRun} consecutive seconds whose motion stays below
 * {@code threshold} marks its seconds static.
 *
 * <h2>Streaming rule</h2>
 * Second {@code s} is static when it lies in a window of {@code minRun} consecutive quiet seconds
 * that ends no later than {@code s + lookAhead}. With {@code lookAhead = minRun - 1} (the default)
 * this is exactly "every second of a run of at least {@code minRun} quiet seconds", first seconds
 * included; with {@code lookAhead = 0} it is causal: a run is marked from its {@code minRun}-th
 * second on. The verdict on {@code s} depends only on the motion of seconds
 * {@code s - minRun + 1 .. s + lookAhead}, so it is known (final) at the latest once second
 * {@code s + lookAhead} has been seen, and earlier when the run breaks or reaches {@code minRun}.
 * A missing second (no samples) breaks a run, as does the start of the input: a run's start is only
 * known when the input reaches back to it, which is what the pre-roll of a segment is for (a
 * pre-roll of {@code minRun} seconds makes a segment's verdicts equal to a whole-file run's).
 *
 * <p>Verdicts are reported in second order to a {@link Listener}; at most {@code minRun + lookAhead}
 * seconds are pending. Not thread-safe.
 */
public final class StaticScreenDetector {

    /** Receives the final verdict of each second, in order. */
    @FunctionalInterface
    public interface Listener {
        void onVerdict(long second, boolean staticScreen);
    }

    private final double threshold;
    private final int minRun;
    private final int lookAhead;
    private final Listener listener;
    private long runStart = Long.MIN_VALUE; // first second of the current quiet run
    private long last = Long.MIN_VALUE;     // last second seen
    private long nextUndecided = Long.MIN_VALUE; // first second without a verdict (within the run)
    private boolean started;

    /**
     * @param threshold motion below which a second is quiet (0..255 grey levels)
     * @param minRun    seconds a quiet run needs to count as a static screen (>= 1)
     * @param lookAhead seconds of look-ahead, {@code 0..minRun-1}
     */
    public StaticScreenDetector(double threshold, int minRun, int lookAhead, Listener listener) {
        if (minRun < 1) {
            throw new IllegalArgumentException("minRun must be >= 1, got " + minRun);
        }
        if (lookAhead < 0 || lookAhead > minRun - 1) {
            throw new IllegalArgumentException("lookAhead must be within 0.." + (minRun - 1) + ", got " + lookAhead);
        }
        this.threshold = threshold;
        this.minRun = minRun;
        this.lookAhead = lookAhead;
        this.listener = listener;
    }

    public int minRun() {
        return minRun;
    }

    public int lookAhead() {
        return lookAhead;
    }

    /** Whether {@code motion} counts as quiet. */
    public boolean quiet(double motion) {
        return motion < threshold;
    }

    /**
     * The motion of the next second. Seconds must increase; a gap (missing seconds) ends the current
     * run. Verdicts that become final are reported before this returns.
     */
    public void accept(long second, double motion) {
        if (started && second <= last) {
            throw new IllegalArgumentException("second " + second + " after " + last);
        }
        if (started && second != last + 1) {
            endRun();
        }
        if (!quiet(motion)) {
            endRun();
            started = true;
            last = second;
            listener.onVerdict(second, false);
            return;
        }
        started = true;
        last = second;
        if (runStart == Long.MIN_VALUE) {
            runStart = second;
            nextUndecided = second;
        }
        long runLength = second - runStart + 1;
        if (runLength >= minRun) {
            // The window [second - minRun + 1, second] is quiet: every pending second of the run is
            // static, and so is every later second of this run as soon as it comes.
            decideUpTo(second, true);
            return;
        }
        // Seconds whose look-ahead is exhausted without reaching minRun are not static.
        decideUpTo(second - lookAhead, false);
    }

    /** End of input: every pending second is decided with what was seen. */
    public void finish() {
        endRun();
    }

    private void endRun() {
        if (runStart != Long.MIN_VALUE) {
            // The run ended shorter than minRun (a long run decided its seconds as they came).
            decideUpTo(last, false);
            runStart = Long.MIN_VALUE;
            nextUndecided = Long.MIN_VALUE;
        }
    }

    private void decideUpTo(long upTo, boolean verdict) {
        if (runStart == Long.MIN_VALUE) {
            return;
        }
        while (nextUndecided <= upTo) {
            listener.onVerdict(nextUndecided, verdict);
            nextUndecided++;
        }
    }
}
