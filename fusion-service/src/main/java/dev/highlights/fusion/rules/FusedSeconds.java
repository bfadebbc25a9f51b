package dev.highlights.fusion.rules;

/**
 * Reads the fused per-second terms of a VOD and derives the smoothed values and highlight flags (DESIGN.md rule 4)
 * exactly as the {@link ReferenceDetector} does: terms outside the VOD (before 0, after its end) or not fused count 0,
 * the centred window is summed in ascending order and divided by 2r+1. A flag is final once the seconds up to s + r
 * are fused (the inherent smoothing lookahead) or the VOD has ended.
 */
final class FusedSeconds {
    private final FusionConfig config;

    FusedSeconds(FusionConfig config) {
        this.config = config;
    }

    /** Smoothed chat points, audio score and video score of one second (not yet weighted). */
    record Smoothed(double chat, double audio, double video) {
    }

    private static boolean counts(VodFusionState st, int s) {
        return s >= 0 && !(st.ended && s >= st.vodEnd) && st.ring.has(s, SecondRing.FUSED);
    }

    /** Chat points of the chat second this media second is paired with (shifted back by the lag it was fused with). */
    double chatTerm(VodFusionState st, int s) {
        if (!counts(st, s)) return 0;
        int c = s + st.ring.lag(s);
        return st.ring.has(c, SecondRing.CHAT) ? st.ring.chatScore(c) : 0;
    }

    double audioTerm(VodFusionState st, int s) {
        return counts(st, s) ? st.ring.audioTerm(s) : 0;
    }

    double videoTerm(VodFusionState st, int s) {
        return counts(st, s) ? st.ring.videoTerm(s) : 0;
    }

    Smoothed smoothed(VodFusionState st, int s) {
        int r = config.smoothingRadiusSec();
        double c = 0;
        double a = 0;
        double v = 0;
        for (int k = s - r; k <= s + r; k++) {
            c += chatTerm(st, k);
            a += audioTerm(st, k);
            v += videoTerm(st, k);
        }
        int w = 2 * r + 1;
        return new Smoothed(c / w, a / w, v / w);
    }

    double finalScore(Smoothed x) {
        return config.chatWeight() * x.chat() + config.audioWeight() * x.audio() + config.videoWeight() * x.video();
    }

    boolean isStatic(VodFusionState st, int s) {
        return st.ring.has(s, SecondRing.STATIC);
    }

    /** Chat active, final score above threshold, and not a static screen. */
    boolean isHighlight(VodFusionState st, int s) {
        if (isStatic(st, s)) return false;
        Smoothed x = smoothed(st, s);
        return x.chat() > config.chatActiveThreshold() && finalScore(x) > config.finalThreshold();
    }
}
