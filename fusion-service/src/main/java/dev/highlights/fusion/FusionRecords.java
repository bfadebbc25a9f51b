package dev.highlights.fusion;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.RankOrdering;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.HighlightUpdate;
import dev.highlights.fusion.rules.RankingOrder;
import dev.highlights.fusion.rules.VodSummary;

/** Maps fusion results to the Avro contracts. */
final class FusionRecords {
    private FusionRecords() {
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

    private static PipelineStatus.Builder status(String vodId, String eventId, StatusKind kind, long nowMs) {
        return PipelineStatus.newBuilder().setVodId(vodId).setEventId(eventId).setStage(Stage.FUSION).setKind(kind)
                .setTimestampMs(nowMs);
    }
}
