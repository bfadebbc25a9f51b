package dev.highlights.samples;

import java.util.SplittableRandom;

/**
 * How far a vocabulary's chat lags its stream: stream delay plus reaction time. Each VOD starts at a base lag, drifts
 * slowly, and may change its stream delay once part way; each moment adds a jitter of its own. Lags stay within
 * {@link #MIN_SEC}..{@link #MAX_SEC}.
 *
 * @param startMinSec         lowest lag at the start of a VOD
 * @param startMaxSec         highest lag at the start of a VOD
 * @param delayChangeChance   chance that a VOD changes its stream delay once, somewhere in its middle half
 * @param delayChangeMinSec   smallest such change
 * @param delayChangeMaxSec   largest such change
 * @param delayChangeBothWays true: the delay may go down as well as up; false: only up
 * @param driftSecPerHour     largest slow drift, either way
 * @param jitterSec           largest per-moment jitter, either way
 */
public record LagModel(double startMinSec, double startMaxSec, double delayChangeChance, double delayChangeMinSec,
                       double delayChangeMaxSec, boolean delayChangeBothWays, double driftSecPerHour,
                       double jitterSec) {

    /** Shortest chat lag of an evaluation moment. */
    public static final double MIN_SEC = 2;
    /** Longest chat lag of an evaluation moment. */
    public static final double MAX_SEC = 14;

    public LagModel {
        if (!(startMinSec >= MIN_SEC && startMaxSec >= startMinSec && startMaxSec <= MAX_SEC)) {
            throw new IllegalArgumentException("start lag must lie in 2..14 s: " + startMinSec + ".." + startMaxSec);
        }
        if (!(delayChangeChance >= 0 && delayChangeChance <= 1 && delayChangeMinSec >= 0
                && delayChangeMaxSec >= delayChangeMinSec && driftSecPerHour >= 0 && jitterSec >= 0)) {
            throw new IllegalArgumentException("bad lag model: " + this);
        }
    }

    /** One VOD's lag over time, before the per-moment jitter. */
    public record Curve(double startSec, double driftSecPerSec, int changeAtSec, double changeSec) {

        /** The base lag at media second {@code t}. */
        public double at(double t) {
            return startSec + driftSecPerSec * t + (t >= changeAtSec ? changeSec : 0);
        }
    }

    /** The curve of a VOD of {@code durationSec}, drawn from {@code rnd}. */
    public Curve curve(int durationSec, SplittableRandom rnd) {
        double start = startMinSec + rnd.nextDouble() * (startMaxSec - startMinSec);
        double drift = (rnd.nextDouble() * 2 - 1) * driftSecPerHour / 3600.0;
        int changeAt = Integer.MAX_VALUE;
        double change = 0;
        if (rnd.nextDouble() < delayChangeChance) {
            changeAt = (int) (durationSec * (0.25 + 0.5 * rnd.nextDouble()));
            change = delayChangeMinSec + rnd.nextDouble() * (delayChangeMaxSec - delayChangeMinSec);
            if (delayChangeBothWays && rnd.nextBoolean()) {
                change = -change;
            }
        }
        return new Curve(start, drift, changeAt, change);
    }

    /** A moment's lag: the curve at its start plus jitter, bounded to 2..14 s and rounded to 0.1 s. */
    public double momentLag(Curve curve, int startSec, SplittableRandom rnd) {
        double lag = curve.at(startSec) + (rnd.nextDouble() * 2 - 1) * jitterSec;
        lag = Math.max(MIN_SEC, Math.min(MAX_SEC, lag));
        return Math.round(lag * 10) / 10.0;
    }
}
