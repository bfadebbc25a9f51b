package dev.highlights.fusion.rules;

/**
 * Reads the fused per-second terms of a VOD and derives the smoothed values and the highlight flags. Smoothing is done
 * exactly as the {@link ReferenceDetector} does: terms outside the VOD (before 0, after its end) or not fused count 0,
 * the centred window is summed in ascending order and divided by 2r+1. A flag is final once the seconds up to s + r
 * are fused (the inherent smoothing lookahead) or the VOD has ended; under {@link DetectionRule#CONFIRMED} a media
 * second is fused only once chat is known up to maxChatLagSec after it, so its flag then sees the whole lag window.
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
        return smoothed(st, s, -1);
    }

    /**
     * @param chatLag the lag to pair chat with (chat second k + chatLag for media second k), or -1 for the lag each
     *                second was fused with
     */
    Smoothed smoothed(VodFusionState st, int s, int chatLag) {
        int r = config.smoothingRadiusSec();
        double c = 0;
        double a = 0;
        double v = 0;
        for (int k = s - r; k <= s + r; k++) {
            c += chatLag < 0 ? chatTerm(st, k) : chatPoints(st, k, k + chatLag);
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

    /** Whether media second s is a highlight second under the configured {@link DetectionRule}; never a static screen. */
    boolean isHighlight(VodFusionState st, int s) {
        if (isStatic(st, s)) return false;
        if (config.detection() == DetectionRule.REFERENCE) return referenceHighlight(st, s, -1);
        boolean alone = chatAlone(st);
        if (!alone && mediaActive(st, s) && reactionWithinLagWindow(st, s)) return true;
        return (alone || config.chatAloneHighlights()) && chatAloneHighlight(st, s);
    }

    /** A reaction burst at the starting lag strong enough for the reference rule, with nothing to confirm it. */
    private boolean chatAloneHighlight(VodFusionState st, int s) {
        int lag = config.fixedChatLagSec();
        return referenceHighlight(st, s, lag) && reactionBurst(st, s + lag);
    }

    /** The reference rule: chat active, final score above threshold. */
    private boolean referenceHighlight(VodFusionState st, int s, int chatLag) {
        Smoothed x = smoothed(st, s, chatLag);
        return x.chat() > config.chatActiveThreshold() && finalScore(x) > config.finalThreshold();
    }

    /** CONFIRMED without audio and video to confirm (not analysed, as for live streams): chat decides alone. */
    boolean chatAlone(VodFusionState st) {
        return st.absent[Modality.AUDIO.ordinal()] && st.absent[Modality.VIDEO.ordinal()];
    }

    /**
     * Audio or video active at media second s and at a neighbouring second: a lone second over the threshold is noise
     * (with two z-scores per second, a few percent of ordinary seconds reach 2), a moment lasts. A scene cut alone is
     * not activity: it only moves a highlight's start back to it.
     */
    boolean mediaActive(VodFusionState st, int s) {
        return activeAt(st, s) && (activeAt(st, s - 1) || activeAt(st, s + 1));
    }

    /** Audio or video z-score at its confirm threshold at media second s. */
    private boolean activeAt(VodFusionState st, int s) {
        if (!counts(st, s)) return false;
        SecondRing ring = st.ring;
        double az = ring.audioZ(s);
        double vz = ring.videoZ(s);
        boolean audio = Double.isNaN(az) ? ring.audioTerm(s) > 0 : az >= config.confirmAudioZ();
        boolean video = Double.isNaN(vz) ? ring.videoTerm(s) > 0 : vz >= config.confirmVideoZ();
        return audio || video;
    }

    /**
     * A reaction burst within the lag window of the activity s belongs to: in chat seconds [a + minChatLagSec,
     * a + maxChatLagSec] where a is where that activity started. Viewers react a few seconds after a moment starts: a
     * burst that only begins well after the activity ended (an unrelated spike) confirms nothing.
     */
    boolean reactionWithinLagWindow(VodFusionState st, int s) {
        int a = activityStart(st, s);
        for (int c = a + config.minChatLagSec(); c <= a + config.maxChatLagSec(); c++) {
            if (reactionBurst(st, c)) return true;
        }
        return false;
    }

    /**
     * The first active second of the run of activity that s belongs to (gaps of up to maxGapSec bridged), looking back
     * at most maxChatLagSec: a longer run is confirmed by any burst that goes on within the lag of its recent part.
     */
    int activityStart(VodFusionState st, int s) {
        int start = s;
        int gap = 0;
        for (int k = s - 1; k >= s - config.maxChatLagSec() && k > st.ring.lo(); k--) {
            if (mediaActive(st, k)) {
                start = k;
                gap = 0;
            } else if (++gap > config.maxGapSec()) {
                break;
            }
        }
        return start;
    }

    /**
     * Chat second c is inside a reaction burst: over the centred window, the mean chat points exceed the active
     * threshold and, of the messages of its seconds above the baseline, at least minReactionShare are reactions and at
     * most maxNewcomerShare come from chatters new to the VOD (spam, raid arrivals and copypasta are loud chat that
     * reacts to nothing on stream).
     */
    boolean reactionBurst(VodFusionState st, int c) {
        SecondRing ring = st.ring;
        boolean cacheable = ring.contains(c);
        if (cacheable && ring.has(c, SecondRing.BURST_KNOWN)) return ring.has(c, SecondRing.BURST);
        boolean burst = computeReactionBurst(st, c);
        if (cacheable) {
            ring.set(c, SecondRing.BURST_KNOWN, true);
            ring.set(c, SecondRing.BURST, burst);
        }
        return burst;
    }

    private boolean computeReactionBurst(VodFusionState st, int c) {
        int r = config.smoothingRadiusSec();
        SecondRing ring = st.ring;
        double points = 0;
        double messages = 0;
        double reactions = 0;
        double newcomers = 0;
        for (int k = Math.max(c - r, 0); k <= c + r; k++) {
            // The shares are those of the burst's own seconds (above the baseline), not diluted by ordinary chat around it.
            if (!ring.has(k, SecondRing.CHAT) || !(ring.chatScore(k) > 0)) continue;
            points += ring.chatScore(k);
            int n = Math.max(ring.chatCount(k), 0);
            messages += n;
            reactions += n * ring.chatReaction(k);
            newcomers += n * ring.chatNewcomer(k);
        }
        if (points / (2 * r + 1) <= config.chatActiveThreshold()) return false;
        return messages == 0 || reactions >= config.minReactionShare() * messages
                && newcomers <= config.maxNewcomerShare() * messages;
    }

    /**
     * The chat lag of a moment that starts at media second {@code start}: from the start to the first second of its
     * reaction burst at HIGH or above (the smoothed burst starts up to r seconds early), searched over the lag window;
     * {@code fallback} when there is none (a chat-alone highlight).
     */
    int momentLag(VodFusionState st, int start, int fallback) {
        SecondRing ring = st.ring;
        int firstBurst = -1;
        for (int c = start + config.minChatLagSec(); c <= start + config.maxChatLagSec(); c++) {
            if (!reactionBurst(st, c)) continue;
            if (firstBurst < 0) firstBurst = c;
            if (ring.has(c, SecondRing.CHAT) && ring.chatScore(c) >= config.chatHighPoints()) return c - start;
        }
        return firstBurst >= 0 ? firstBurst - start : fallback;
    }

    /** Chat points of chat second c for media second s (0 outside the fused VOD or where chat has nothing). */
    private double chatPoints(VodFusionState st, int s, int c) {
        if (!counts(st, s)) return 0;
        return st.ring.has(c, SecondRing.CHAT) ? st.ring.chatScore(c) : 0;
    }
}
