package dev.highlights.fusion.rules;

import java.util.Comparator;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** Order of the end-of-VOD summary. Ties always fall back to the earlier start, so rankings are deterministic. */
public enum RankingOrder {
    /** The reference detector's order: longer first, then higher mean final score. */
    DURATION_THEN_MEAN,
    /** Higher mean final score first, then longer. */
    SCORE;

    /** A comparator for any interval-like type, best first. */
    public <T> Comparator<T> comparator(ToIntFunction<T> duration, ToDoubleFunction<T> meanScore, ToIntFunction<T> start) {
        Comparator<T> byDuration = Comparator.comparingInt(duration).reversed();
        Comparator<T> byScore = Comparator.comparingDouble(meanScore).reversed();
        Comparator<T> primary = this == DURATION_THEN_MEAN ? byDuration.thenComparing(byScore) : byScore.thenComparing(byDuration);
        return primary.thenComparingInt(start);
    }
}
