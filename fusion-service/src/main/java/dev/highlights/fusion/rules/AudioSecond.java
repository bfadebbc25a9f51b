package dev.highlights.fusion.rules;

/**
 * Audio of one media second.
 *
 * @param kind  what {@code value} is: raw RMS energy (5 s window, 1 s hop), a z-score, or the scaled 0..1 score
 */
public record AudioSecond(int second, InputKind kind, double value) {
    public AudioSecond {
        if (second < 0) throw new IllegalArgumentException("second < 0: " + second);
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("audio value not finite: " + value);
    }

    public static AudioSecond energy(int second, double rmsEnergy) {
        return new AudioSecond(second, InputKind.RAW, rmsEnergy);
    }

    public static AudioSecond zScore(int second, double z) {
        return new AudioSecond(second, InputKind.Z_SCORE, z);
    }

    public static AudioSecond scaled(int second, double score) {
        return new AudioSecond(second, InputKind.SCALED, score);
    }
}
