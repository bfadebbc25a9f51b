package dev.highlights.fusion.rules;

/**
 * Video of one media second.
 *
 * @param kind         RAW: {@code brightness} is the grey mean and {@code motion} the mean absolute difference to the
 *                     previous sampled frame; Z_SCORE: both are z-scores; SCALED: {@code brightness} holds the 0..0.5
 *                     score and {@code motion} is ignored
 * @param staticScreen the picture does not change (pause, "be right back" screen): never a highlight second
 * @param sceneCut     a scene starts in this second: a highlight starting shortly after snaps back to it
 */
public record VideoSecond(int second, InputKind kind, double brightness, double motion, boolean staticScreen, boolean sceneCut) {
    public VideoSecond {
        if (second < 0) throw new IllegalArgumentException("second < 0: " + second);
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (!Double.isFinite(brightness) || !Double.isFinite(motion)) {
            throw new IllegalArgumentException("video values not finite: " + brightness + ", " + motion);
        }
    }

    public static VideoSecond raw(int second, double brightness, double motion, boolean staticScreen, boolean sceneCut) {
        return new VideoSecond(second, InputKind.RAW, brightness, motion, staticScreen, sceneCut);
    }

    public static VideoSecond zScores(int second, double brightnessZ, double motionZ, boolean staticScreen, boolean sceneCut) {
        return new VideoSecond(second, InputKind.Z_SCORE, brightnessZ, motionZ, staticScreen, sceneCut);
    }

    public static VideoSecond scaled(int second, double score, boolean staticScreen, boolean sceneCut) {
        return new VideoSecond(second, InputKind.SCALED, score, 0, staticScreen, sceneCut);
    }
}
