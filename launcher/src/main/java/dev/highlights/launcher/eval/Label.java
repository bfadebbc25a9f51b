package dev.highlights.launcher.eval;

import java.util.Locale;

/**
 * One labelled stretch of a VOD: a highlight to find ({@code kind} {@value #HIGHLIGHT}) or a named non-highlight
 * ({@code raid}, {@code giveaway}, {@code loud_audio}, ...) that a detection should not cover.
 *
 * @param kind       lower case, trimmed
 * @param chatLagSec the true chat reaction lag of this moment, null when unknown
 */
public record Label(double start, double end, String kind, Double chatLagSec) implements TimeInterval {

    public static final String HIGHLIGHT = "highlight";

    public Label {
        TimeInterval.requireValid(start, end, "label");
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("label: kind must not be blank");
        }
        // Users write "Highlight" or "RAID"; compare kinds case-insensitively by storing one spelling.
        kind = kind.trim().toLowerCase(Locale.ROOT);
        if (chatLagSec != null && !Double.isFinite(chatLagSec)) {
            throw new IllegalArgumentException("label: chat lag must be a finite number, got " + chatLagSec);
        }
    }

    public static Label highlight(double start, double end) {
        return new Label(start, end, HIGHLIGHT, null);
    }

    public boolean isHighlight() {
        return HIGHLIGHT.equals(kind);
    }
}
