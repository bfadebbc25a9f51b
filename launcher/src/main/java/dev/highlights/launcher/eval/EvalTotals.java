package dev.highlights.launcher.eval;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores pooled over a set of VODs: event and second counts summed before taking ratios, non-highlight hits summed
 * by kind, the median of every VOD's lag error samples, and the worst single VOD by event and by second F1.
 */
public record EvalTotals(int vods, double durationSec, EventScore events, SecondScore seconds,
                         Map<String, KindHits> nonHighlightHits, Double lagErrorSec, int lagErrorSamples,
                         double minEventF1, String minEventF1Vod, double minSecondF1, String minSecondF1Vod) {

    public EvalTotals {
        nonHighlightHits = Collections.unmodifiableMap(new TreeMap<>(nonHighlightHits));
    }

    /** All non-highlights hit, over all kinds. */
    public KindHits nonHighlightsOverall() {
        return nonHighlightHits.values().stream().reduce(new KindHits(0, 0), KindHits::plus);
    }
}
