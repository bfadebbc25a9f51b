package dev.highlights.chat.features;

/**
 * Scores a second's message count against a baseline.
 *
 * <pre>
 *   MEDIAN_MAD:  center = median   spread = max(1.4826 x MAD, sqrt(median))
 *   MEAN_STDDEV: center = mean     spread = population standard deviation
 *   deviation  = max(spread, deviationFloor)
 *   deviations = (count - center) / deviation
 *   level      = EXCEPTIONAL if deviations >= exceptional (2.5), HIGH if >= high (2.0), else NONE
 *   score      = clamp(deviations / exceptional, 0, 1)        so HIGH starts at 0.8 and EXCEPTIONAL is 1
 * </pre>
 * While the window holds fewer than warmUpSeconds seconds the deviation is still computed from what is there,
 * but level is NONE and score 0, so the first minutes of a VOD are not all peaks.
 *
 * <p>Why sqrt(median): per-second counts are roughly Poisson, whose standard deviation is sqrt(rate). At low rates
 * the MAD of small integers underestimates it (Poisson(3): 1.4826 x MAD = 1.48 against 1.73) and alone would call
 * 8% of ordinary seconds of a 3 messages/s chat HIGH; spread below the counting noise is not real spread.
 *
 * <p>Relation to the reference detector (docs/detection.md): it uses mean + 2 s / 2.5 s over the seconds that have
 * messages, over the whole VOD. Here the statistics are causal (trailing window) and by default robust
 * (median/MAD over all seconds): a long burst does not raise the bar for the next one, and the baseline exists on
 * unbounded streams. Setting estimator MEAN_STDDEV, includeQuietSeconds false and a window as long as the VOD gives
 * the reference's statistics, apart from warm-up and the window ending before the scored second.
 */
public final class ActivityScorer {

    /** Makes the MAD a consistent estimator of the standard deviation for normal data. */
    public static final double MAD_SCALE = 1.4826;

    private final ChatFeatureConfig config;

    public ActivityScorer(ChatFeatureConfig config) {
        this.config = config;
    }

    public BaselineStats stats(RollingBaseline baseline) {
        return switch (config.estimator()) {
            case MEDIAN_MAD -> {
                double median = baseline.median();
                double spread = Math.max(MAD_SCALE * baseline.mad(), Math.sqrt(median));
                yield new BaselineStats(median, spread, baseline.secondsInWindow(), baseline.samples());
            }
            case MEAN_STDDEV -> new BaselineStats(baseline.mean(), baseline.stddev(),
                    baseline.secondsInWindow(), baseline.samples());
        };
    }

    public ChatActivity score(int messageCount, BaselineStats stats) {
        double deviation = Math.max(stats.spread(), config.deviationFloor());
        double deviations = (messageCount - stats.center()) / deviation;
        boolean warmUp = stats.secondsInWindow() < config.warmUpSeconds();
        ChatLevel level = ChatLevel.NONE;
        if (!warmUp && deviations >= config.exceptionalDeviations()) {
            level = ChatLevel.EXCEPTIONAL;
        } else if (!warmUp && deviations >= config.highDeviations()) {
            level = ChatLevel.HIGH;
        }
        double score = warmUp ? 0.0 : Math.min(1.0, Math.max(0.0, deviations / config.exceptionalDeviations()));
        return new ChatActivity(stats.center(), deviation, deviations, level, level.points(), score, warmUp);
    }
}
