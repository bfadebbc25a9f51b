package dev.highlights.fusion;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.RankOrdering;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.AudioSecond;
import dev.highlights.fusion.rules.ChatSecond;
import dev.highlights.fusion.rules.DetectionRule;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.HighlightUpdate;
import dev.highlights.fusion.rules.RankingOrder;
import dev.highlights.fusion.rules.VideoSecond;
import dev.highlights.fusion.rules.VodSummary;

/**
 * Maps the Avro contracts to the rules' inputs and the rules' results back to the contracts; the input mappings are
 * public so replay tools feed the rules as the service does.
 */
public final class FusionRecords {
    private FusionRecords() {
    }

    /**
     * A record's second as the rules take it. One no VOD reaches (negative, or past {@link FusionEngine#MAX_SECOND})
     * maps past the maximum, where the engine drops and counts it: anyone who can write to an input topic must not
     * be able to stop fusion with a value.
     */
    static int second(long second) {
        return second < 0 || second > FusionEngine.MAX_SECOND ? FusionEngine.MAX_SECOND + 1 : (int) second;
    }

    /** A value as the rules take it: not finite (NaN, infinite) as {@code otherwise}. */
    private static double finite(double value, double otherwise) {
        return Double.isFinite(value) ? value : otherwise;
    }

    /** A chat-features second as the rules take it: level points, messages, their reaction and newcomer shares. */
    public static ChatSecond chatSecond(ChatFeatures f) {
        return new ChatSecond(second(f.getSecond()), Math.max(0, finite(f.getLevelPoints(), 0)),
                Math.max(0, f.getMessageCount()), share(f.getReactionShare()), share(f.getNewcomerShare()));
    }

    /** A share as the rules take it: within 0..1, NaN as 0. */
    private static double share(float value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    /**
     * An audio second as the rules take it: the reference's 5 s RMS energy, or under CONFIRMED the second's own level in
     * dBFS, so that audio activity starts and ends with the moment instead of trailing it by the 5 s window, and so
     * that a loud moment earlier in the window does not swamp the spread of the next one (levels add in decibels).
     */
    public static AudioSecond audioSecond(AudioScore a, DetectionRule rule) {
        double value = rule == DetectionRule.CONFIRMED ? Math.max(finite(a.getRmsDbfs(), -120), -120)
                : finite(a.getEnergy5s(), 0);
        return AudioSecond.energy(second(a.getSecond()), value);
    }

    /**
     * A video second as the rules take it: brightness and motion with the static-screen and scene-cut flags; under
     * CONFIRMED motion in decibels (20 log10(1 + motion)), for the same reason as audio.
     */
    public static VideoSecond videoSecond(VideoScore v, DetectionRule rule) {
        double raw = finite(v.getMotion(), 0);
        double motion = rule == DetectionRule.CONFIRMED ? 20 * Math.log10(1 + Math.max(0, raw)) : raw;
        return VideoSecond.raw(second(v.getSecond()), finite(v.getBrightness(), 0), motion, v.getStaticScreen(),
                v.getSceneCut());
    }

    static HighlightEvent event(HighlightUpdate u) {
        return HighlightEvent.newBuilder().setVodId(u.vodId()).setPayload(highlight(u)).build();
    }

    static Highlight highlight(HighlightUpdate u) {
        return Highlight.newBuilder()
                .setHighlightId(u.highlightId())
                .setVodId(u.vodId())
                .setRevision(u.revision())
                .setStartSec(u.startSec())
                .setEndSec(u.endSec())
                .setPeakSec(u.peakSec())
                .setScore(u.score())
                .setPeakScore(u.peakScore())
                .setChatContribution(u.chatContribution())
                .setAudioContribution(u.audioContribution())
                .setVideoContribution(u.videoContribution())
                .setChatLagSec(u.chatLagSec())
                .setSnappedToSceneCut(u.snappedToSceneCut())
                .setReason(u.reason())
                .setRetracted(u.retracted())
                .setOpen(u.open())
                .setRank(u.rank())
                .build();
    }

    static HighlightEvent summary(VodSummary summary, long nowMs) {
        return HighlightEvent.newBuilder().setVodId(summary.vodId()).setPayload(VodHighlightSummary.newBuilder()
                .setVodId(summary.vodId())
                .setOrdering(summary.order() == RankingOrder.SCORE ? RankOrdering.SCORE : RankOrdering.DURATION_THEN_MEAN_SCORE)
                .setHighlights(summary.ranked().stream().map(FusionRecords::highlight).toList())
                .setDurationSec(null)
                .setCompletedAtMs(nowMs)
                .build()).build();
    }

    static PipelineStatus started(String vodId, long nowMs) {
        return status(vodId, "FUSION/started", StatusKind.STARTED, nowMs).setMessage("fusion started").build();
    }

    static PipelineStatus completed(String vodId, VodSummary summary, long nowMs) {
        return status(vodId, "FUSION/completed", StatusKind.COMPLETED, nowMs)
                .setCount((long) summary.ranked().size())
                .setMessage(summary.ranked().size() + " highlights; chat lag " + summary.chatLagSec() + " s")
                .build();
    }

    /** Once per VOD: inputs for seconds no VOD reaches were dropped (a broken or hostile upstream). */
    static PipelineStatus secondsOutOfRange(String vodId, long dropped, long nowMs) {
        return status(vodId, "FUSION/second-out-of-range", StatusKind.WARNING, nowMs)
                .setErrorCode("SECOND_OUT_OF_RANGE")
                .setCount(dropped)
                .setMessage("dropped inputs for seconds past " + FusionEngine.MAX_SECOND + " (7 days), which no VOD "
                        + "reaches; the upstream that sent them is broken")
                .build();
    }

    private static PipelineStatus.Builder status(String vodId, String eventId, StatusKind kind, long nowMs) {
        return PipelineStatus.newBuilder().setVodId(vodId).setEventId(eventId).setStage(Stage.FUSION).setKind(kind)
                .setTimestampMs(nowMs);
    }
}
