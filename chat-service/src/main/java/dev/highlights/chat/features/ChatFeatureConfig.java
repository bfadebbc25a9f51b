package dev.highlights.chat.features;

/**
 * Tunables of the chat features. No defaults here: the service's configuration mapping ({@code ChatServiceConfig}) is
 * their one source and builds this record. A VOD's state keeps the configuration it was created with (it travels in the
 * snapshot), so a VOD is processed consistently across restarts even if the service's configuration changes.
 *
 * @param baselineWindowSeconds  trailing window of per-second counts behind the baseline 
 * @param warmUpSeconds          levels are NONE until the window holds this many seconds 
 * @param allowedLatenessSeconds messages older than watermark - lateness are rejected as late 
 * @param repeatWindowSeconds    a message repeats if its normalised text was seen this many seconds back 
 * @param highDeviations         HIGH at >= this many deviations (the reference: 2.0)
 * @param exceptionalDeviations  EXCEPTIONAL at >= this many deviations (the reference: 2.5)
 * @param deviationFloor         lower bound of the deviation in messages/s, so a near-silent chat (median 0,
 *                               MAD 0) needs 3 messages in a second for HIGH rather than 1
 * @param includeQuietSeconds    count seconds without messages in the baseline (true: a rate baseline);
 *                               false reproduces the reference detector's population (seconds that have messages)
 * @param estimator              MEDIAN_MAD (robust) or MEAN_STDDEV (the reference's statistics, rolling)
 * @param maxOffsetSeconds       offsets above this are invalid and end offsets above it are ignored:
 *                               every second up to the watermark is emitted, so one bogus offset (epoch
 *                               milliseconds in the seconds field) must not make a VOD emit billions of seconds
 * @param reactionMaxTokens      messages with more tokens are never reactions: reactions are short, long messages are
 *                               talk or copypasta
 * @param newcomerHistorySeconds a chatter never seen before counts as a newcomer only once the VOD has this much final
 *                               chat history (early on everyone is new)
 */
public record ChatFeatureConfig(int baselineWindowSeconds, int warmUpSeconds, int allowedLatenessSeconds,
                                int repeatWindowSeconds, double highDeviations, double exceptionalDeviations,
                                double deviationFloor, boolean includeQuietSeconds, Estimator estimator,
                                long maxOffsetSeconds, int reactionMaxTokens, int newcomerHistorySeconds) {

    /** Centre and spread of the baseline window. */
    public enum Estimator {
        /**
         * Median and max(1.4826 x median absolute deviation, sqrt(median)): a burst does not inflate the baseline of
         * the next one, and the spread never drops below Poisson counting noise.
         */
        MEDIAN_MAD,
        /** Mean and population standard deviation, as the reference detector (but over the trailing window). */
        MEAN_STDDEV
    }

    /** Bounds the per-VOD memory and snapshot size: about 4 bytes per window second. */
    public static final int MAX_WINDOW_SECONDS = 86_400;

    public ChatFeatureConfig {
        require(baselineWindowSeconds >= 1 && baselineWindowSeconds <= MAX_WINDOW_SECONDS,
                "baselineWindowSeconds must be in 1.." + MAX_WINDOW_SECONDS);
        require(warmUpSeconds >= 0 && warmUpSeconds <= baselineWindowSeconds,
                "warmUpSeconds must be in 0..baselineWindowSeconds");
        require(allowedLatenessSeconds >= 0 && allowedLatenessSeconds <= 3_600, "allowedLatenessSeconds must be in 0..3600");
        require(repeatWindowSeconds >= 0 && repeatWindowSeconds <= 3_600, "repeatWindowSeconds must be in 0..3600");
        require(highDeviations > 0 && Double.isFinite(highDeviations), "highDeviations must be > 0");
        require(exceptionalDeviations >= highDeviations && Double.isFinite(exceptionalDeviations),
                "exceptionalDeviations must be >= highDeviations");
        require(deviationFloor > 0 && Double.isFinite(deviationFloor), "deviationFloor must be > 0");
        require(estimator != null, "estimator must be set");
        require(newcomerHistorySeconds >= 0, "newcomerHistorySeconds must be >= 0");
        require(reactionMaxTokens >= 1 && reactionMaxTokens <= 1_000, "reactionMaxTokens must be in 1..1000");
        require(maxOffsetSeconds >= 1 && maxOffsetSeconds <= 31_622_400L, "maxOffsetSeconds must be in 1..31622400");
    }

    /** Fluent copy-and-change of this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static final class Builder {
        private int baselineWindowSeconds;
        private int warmUpSeconds;
        private int allowedLatenessSeconds;
        private int repeatWindowSeconds;
        private double highDeviations;
        private double exceptionalDeviations;
        private double deviationFloor;
        private boolean includeQuietSeconds;
        private Estimator estimator;
        private long maxOffsetSeconds;
        private int reactionMaxTokens;
        private int newcomerHistorySeconds;

        private Builder(ChatFeatureConfig c) {
            baselineWindowSeconds = c.baselineWindowSeconds;
            warmUpSeconds = c.warmUpSeconds;
            allowedLatenessSeconds = c.allowedLatenessSeconds;
            repeatWindowSeconds = c.repeatWindowSeconds;
            highDeviations = c.highDeviations;
            exceptionalDeviations = c.exceptionalDeviations;
            deviationFloor = c.deviationFloor;
            includeQuietSeconds = c.includeQuietSeconds;
            estimator = c.estimator;
            maxOffsetSeconds = c.maxOffsetSeconds;
            reactionMaxTokens = c.reactionMaxTokens;
            newcomerHistorySeconds = c.newcomerHistorySeconds;
        }

        public Builder baselineWindowSeconds(int v) { baselineWindowSeconds = v; return this; }
        public Builder warmUpSeconds(int v) { warmUpSeconds = v; return this; }
        public Builder allowedLatenessSeconds(int v) { allowedLatenessSeconds = v; return this; }
        public Builder repeatWindowSeconds(int v) { repeatWindowSeconds = v; return this; }
        public Builder highDeviations(double v) { highDeviations = v; return this; }
        public Builder exceptionalDeviations(double v) { exceptionalDeviations = v; return this; }
        public Builder deviationFloor(double v) { deviationFloor = v; return this; }
        public Builder includeQuietSeconds(boolean v) { includeQuietSeconds = v; return this; }
        public Builder estimator(Estimator v) { estimator = v; return this; }
        public Builder maxOffsetSeconds(long v) { maxOffsetSeconds = v; return this; }
        public Builder reactionMaxTokens(int v) { reactionMaxTokens = v; return this; }
        public Builder newcomerHistorySeconds(int v) { newcomerHistorySeconds = v; return this; }

        public ChatFeatureConfig build() {
            return new ChatFeatureConfig(baselineWindowSeconds, warmUpSeconds, allowedLatenessSeconds,
                    repeatWindowSeconds, highDeviations, exceptionalDeviations, deviationFloor,
                    includeQuietSeconds, estimator, maxOffsetSeconds, reactionMaxTokens,
                    newcomerHistorySeconds);
        }
    }
}
