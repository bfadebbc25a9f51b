package dev.highlights.launcher.eval;

/**
 * Event-level result: {@code matched} one-to-one pairs of detections and true highlights.
 * Precision is 1 when there are no detections (nothing claimed wrongly), recall 1 when there are no true
 * highlights (nothing to miss); F1 is 0 when both precision and recall are 0.
 */
public record EventScore(int matched, int detections, int truths, double precision, double recall, double f1) {

    public static EventScore of(int matched, int detections, int truths) {
        if (matched < 0 || matched > detections || matched > truths) {
            throw new IllegalArgumentException("matched " + matched + " of " + detections + " detections and "
                    + truths + " truths");
        }
        double precision = EvalMetrics.ratioOrOne(matched, detections);
        double recall = EvalMetrics.ratioOrOne(matched, truths);
        return new EventScore(matched, detections, truths, precision, recall, EvalMetrics.f1(precision, recall));
    }

    /** Pooled over VODs: counts summed, then the ratios of the sums. */
    public EventScore plus(EventScore other) {
        return of(matched + other.matched, detections + other.detections, truths + other.truths);
    }
}
