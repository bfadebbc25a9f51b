package dev.highlights.fusion.rules;

/** What an audio or video value already is, so fusion knows how much of the scoring it still has to do. */
public enum InputKind {
    /** A raw feature (RMS energy; grey-level brightness and frame difference): fusion normalises it with a rolling z-score. */
    RAW,
    /** Already a z-score against the VOD's baseline: fusion thresholds and scales it. */
    Z_SCORE,
    /** Already the scaled fusion score (audio 0..1, video 0..0.5): used as is. */
    SCALED;

    static InputKind of(int ordinal) {
        return values()[ordinal];
    }
}
