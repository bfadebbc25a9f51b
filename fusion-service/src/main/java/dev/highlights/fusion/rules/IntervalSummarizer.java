package dev.highlights.fusion.rules;

/**
 * Turns a run of highlight seconds into a {@link HighlightUpdate}: mean final score and per-modality contributions
 * over the run, the peak, the start snapped back to a scene cut, and the reason text. Reads only retained seconds:
 * the engine never prunes a run that can still be summarised.
 */
final class IntervalSummarizer {
    private final FusionConfig config;
    private final FusedSeconds seconds;
    private final ModalityScoring scoring;

    IntervalSummarizer(FusionConfig config, FusedSeconds seconds) {
        this.config = config;
        this.seconds = seconds;
        this.scoring = new ModalityScoring(config);
    }

    /**
     * @param previousEnd end of the previous live highlight: snapping never moves a start before it
     * @param open        the run is still running (its end may grow)
     */
    HighlightUpdate summarize(VodFusionState st, IntervalBuilder.Run run, String id, int previousEnd, boolean open) {
        double sumFinal = 0;
        double sumChat = 0;
        double sumAudio = 0;
        double sumVideo = 0;
        int peak = run.start();
        double peakScore = Double.NEGATIVE_INFINITY;
        double maxChat = -1;
        int maxChatCount = -1;
        double maxAudioZ = Double.NaN;
        double maxAudioTerm = 0;
        double maxVideoZ = Double.NaN;
        double maxVideoTerm = 0;
        SecondRing ring = st.ring;
        int start = snappedStart(st, run, previousEnd);
        // CONFIRMED: chat is paired by the moment's own lag (its reaction after the activity starts), not a lag per VOD.
        int momentLag = config.detection() == DetectionRule.CONFIRMED
                ? seconds.momentLag(st, run.start(), config.fixedChatLagSec()) : -1;
        for (int s = run.start(); s < run.end(); s++) {
            FusedSeconds.Smoothed x = seconds.smoothed(st, s, momentLag);
            double fin = seconds.finalScore(x);
            sumFinal += fin;
            sumChat += config.chatWeight() * x.chat();
            sumAudio += config.audioWeight() * x.audio();
            sumVideo += config.videoWeight() * x.video();
            if (fin > peakScore) {
                peakScore = fin;
                peak = s;
            }
            int c = s + (momentLag < 0 ? ring.lag(s) : momentLag);
            if (ring.has(c, SecondRing.CHAT) && ring.chatScore(c) > maxChat) {
                maxChat = ring.chatScore(c);
                maxChatCount = ring.chatCount(c);
            }
            // The strongest audio and video evidence among the seconds that actually scored.
            if (ring.audioTerm(s) > 0) {
                maxAudioTerm = Math.max(maxAudioTerm, ring.audioTerm(s));
                maxAudioZ = maxIgnoringNaN(maxAudioZ, ring.audioZ(s));
            }
            if (ring.videoTerm(s) > 0) {
                maxVideoTerm = Math.max(maxVideoTerm, ring.videoTerm(s));
                maxVideoZ = maxIgnoringNaN(maxVideoZ, ring.videoZ(s));
            }
        }
        int n = run.length();

        int cut = ring.has(start, SecondRing.CUT) ? start : -1;
        int lag = momentLag < 0 ? ring.lag(peak) : momentLag;

        ReasonText reason = new ReasonText();
        if (maxChat >= 0) reason.chat(scoring.chatLevel(maxChat), maxChat, maxChatCount);
        if (maxAudioTerm > 0) reason.signal("audio", maxAudioZ, maxAudioTerm);
        if (maxVideoTerm > 0) reason.signal("video", maxVideoZ, maxVideoTerm);
        if (cut >= 0) reason.cutAt(cut);
        reason.chatLag(lag);

        return new HighlightUpdate(id, st.vodId, 0, false, open, start, run.end(), peak, sumFinal / n, peakScore,
                sumChat / n, sumAudio / n, sumVideo / n, lag, cut >= 0 && cut < run.start(), reason.toString(), null);
    }

    /** The run's start snapped back to the latest scene cut within the window, never across a static screen or the previous highlight. */
    private int snappedStart(VodFusionState st, IntervalBuilder.Run run, int previousEnd) {
        SecondRing ring = st.ring;
        for (int c = run.start(); c >= run.start() - config.sceneCutSnapSec() && c >= previousEnd && c >= ring.lo(); c--) {
            if (c < run.start() && seconds.isStatic(st, c)) break;
            if (ring.has(c, SecondRing.CUT)) return c;
        }
        return run.start();
    }

    private static double maxIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) return b;
        if (Double.isNaN(b)) return a;
        return Math.max(a, b);
    }
}
