package dev.highlights.launcher.eval;

/**
 * Second-level result over {@code [0, duration)}: seconds in a detection and a true highlight (true positive), in a
 * detection only (false positive), in a true highlight only (false negative). Same empty-set conventions as
 * {@link EventScore}: precision 1 without detected seconds, recall 1 without true seconds.
 */
public record SecondScore(int truePositive, int falsePositive, int falseNegative, double precision, double recall,
                          double f1) {

    public static SecondScore of(int truePositive, int falsePositive, int falseNegative) {
        if (truePositive < 0 || falsePositive < 0 || falseNegative < 0) {
            throw new IllegalArgumentException("negative second counts");
        }
        double precision = EvalMetrics.ratioOrOne(truePositive, truePositive + falsePositive);
        double recall = EvalMetrics.ratioOrOne(truePositive, truePositive + falseNegative);
        return new SecondScore(truePositive, falsePositive, falseNegative, precision, recall,
                EvalMetrics.f1(precision, recall));
    }

    public SecondScore plus(SecondScore other) {
        return of(truePositive + other.truePositive, falsePositive + other.falsePositive,
                falseNegative + other.falseNegative);
    }
}
