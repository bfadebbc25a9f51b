package dev.highlights.fusion.rules;

/**
 * Scores one second when it is fused (docs/detection.md rules 2 and 3 against the VOD's rolling baselines) and measures the
 * activity the chat lag estimator correlates. Raw features enter the rolling baselines in second order, at fusion, so
 * the baselines do not depend on arrival order.
 */
final class SecondScorer {
    private final FusionConfig config;
    private final ModalityScoring scoring;

    SecondScorer(FusionConfig config) {
        this.config = config;
        this.scoring = new ModalityScoring(config);
    }

    /** Positive audio z plus positive video z (pre-scaled scores are mapped back to z units); NaN when neither is known. */
    double mediaActivity(VodFusionState st, int t) {
        SecondRing ring = st.ring;
        boolean a = ring.has(t, SecondRing.AUDIO);
        boolean v = ring.has(t, SecondRing.VIDEO);
        if (!a && !v) return Double.NaN;
        double act = 0;
        if (a) act += Double.isNaN(ring.audioZ(t)) ? ring.audioTerm(t) * config.audioZDivisor() : Math.max(0, ring.audioZ(t));
        if (v) act += Double.isNaN(ring.videoZ(t)) ? ring.videoTerm(t) * config.videoZDivisor() : Math.max(0, ring.videoZ(t));
        return act;
    }

    /** Messages per second (the score when the count is unknown); 0 below the chat watermark; NaN when unknown. */
    static double chatActivity(VodFusionState st, int c) {
        SecondRing ring = st.ring;
        if (ring.has(c, SecondRing.CHAT)) return ring.chatCount(c) >= 0 ? ring.chatCount(c) : ring.chatScore(c);
        int i = Modality.CHAT.ordinal();
        return c < st.watermark[i] || st.absent[i] ? 0 : Double.NaN;
    }

    /** Fixes the per-second terms of media second s, fused with chat second s + lag. */
    void fuse(VodFusionState st, int s, int lag) {
        SecondRing ring = st.ring;
        ring.ensure(s);
        ring.setLag(s, lag);
        st.lastLag = lag;
        st.audioRolling.advanceTo(s);
        st.brightnessRolling.advanceTo(s);
        st.motionRolling.advanceTo(s);
        if (ring.has(s, SecondRing.AUDIO)) scoreAudio(st, s);
        if (ring.has(s, SecondRing.VIDEO)) scoreVideo(st, s);
        ring.set(s, SecondRing.FUSED, true);
        st.fused = s + 1;
    }

    /** (Re)scores the stored audio of a fused second: raw values go through the rolling baseline first. */
    void scoreAudio(VodFusionState st, int s) {
        SecondRing ring = st.ring;
        double x = ring.audioValue(s);
        switch (ring.audioKind(s)) {
            case RAW -> {
                if (st.audioRolling.add(s, x)) ring.set(s, SecondRing.AUDIO_ROLLED, true);
                double z = st.audioRolling.zScore(x);
                ring.setAudioScore(s, z, scoring.audioScore(z));
            }
            case Z_SCORE -> ring.setAudioScore(s, x, scoring.audioScore(x));
            case SCALED -> ring.setAudioScore(s, Double.NaN, scoring.clampAudio(x));
        }
    }

    void scoreVideo(VodFusionState st, int s) {
        SecondRing ring = st.ring;
        double b = ring.videoB(s);
        double m = ring.videoM(s);
        switch (ring.videoKind(s)) {
            case RAW -> {
                boolean added = st.brightnessRolling.add(s, b);
                added &= st.motionRolling.add(s, m);
                if (added) ring.set(s, SecondRing.VIDEO_ROLLED, true);
                double zb = st.brightnessRolling.zScore(b);
                double zm = st.motionRolling.zScore(m);
                ring.setVideoScore(s, ModalityScoring.videoZ(zb, zm), scoring.videoScore(zb, zm));
            }
            case Z_SCORE -> ring.setVideoScore(s, ModalityScoring.videoZ(b, m), scoring.videoScore(b, m));
            case SCALED -> ring.setVideoScore(s, Double.NaN, scoring.clampVideo(b));
        }
    }
}
