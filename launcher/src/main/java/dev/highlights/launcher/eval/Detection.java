package dev.highlights.launcher.eval;

/**
 * One highlight interval the pipeline reported.
 *
 * @param chatLagSec the chat lag the pipeline estimated for this highlight, null when it reports only one per VOD
 */
public record Detection(double start, double end, Double chatLagSec) implements TimeInterval {

    public Detection {
        TimeInterval.requireValid(start, end, "detection");
        if (chatLagSec != null && !Double.isFinite(chatLagSec)) {
            throw new IllegalArgumentException("detection: chat lag must be a finite number, got " + chatLagSec);
        }
    }

    public Detection(double start, double end) {
        this(start, end, null);
    }
}
