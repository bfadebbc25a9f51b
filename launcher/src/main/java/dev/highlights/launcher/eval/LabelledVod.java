package dev.highlights.launcher.eval;

import java.util.List;

/**
 * The labels of one VOD as a truth file gives them.
 *
 * @param durationSec the VOD's length, {@link Double#NaN} when the file does not say (users' label arrays)
 */
public record LabelledVod(double durationSec, List<Label> labels) {

    public LabelledVod {
        labels = List.copyOf(labels);
    }

    public boolean durationKnown() {
        return Double.isFinite(durationSec);
    }

    /** This VOD with {@code probedDurationSec} as its length when the file did not give one. */
    public LabelledVod withDurationIfUnknown(double probedDurationSec) {
        return durationKnown() ? this : new LabelledVod(probedDurationSec, labels);
    }

    public List<Label> highlights() {
        return labels.stream().filter(Label::isHighlight).toList();
    }

    public List<Label> nonHighlights() {
        return labels.stream().filter(l -> !l.isHighlight()).toList();
    }
}
