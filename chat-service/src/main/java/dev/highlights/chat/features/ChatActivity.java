package dev.highlights.chat.features;

/**
 * The baseline part of a second's features: how far its message count lies from the rolling per-VOD baseline.
 *
 * @param baselineMedian    centre of the baseline window, messages/s (the median; the mean with MEAN_STDDEV)
 * @param baselineDeviation robust spread of the window, floored, messages/s (max(1.4826 x MAD, sqrt(median)); the std dev
 *                          with MEAN_STDDEV)
 * @param deviations        (messageCount - baselineMedian) / baselineDeviation
 * @param level             NONE / HIGH / EXCEPTIONAL; always NONE during warm-up
 * @param levelPoints       0 / 2 / 3 as in the reference detector
 * @param score             continuous score clamp(deviations / exceptionalThreshold, 0, 1); 0 during warm-up
 * @param warmUp            true while the baseline window holds fewer seconds than the warm-up
 */
public record ChatActivity(double baselineMedian, double baselineDeviation, double deviations,
                           ChatLevel level, int levelPoints, double score, boolean warmUp) {

    /** Placeholder for features that have not been scored against a baseline yet. */
    public static final ChatActivity UNSCORED = new ChatActivity(0, 0, 0, ChatLevel.NONE, 0, 0, true);
}
