package dev.highlights.ingest.support;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.RankOrdering;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.avro.VodRegistered;
import java.util.List;

/** Records other stages would write, built with every enum set explicitly (Quarkus test class loaders). */
public final class Records {
    private Records() {
    }

    public static VodRegistered vod(String id, int segments) {
        return VodRegistered.newBuilder().setVodId(id).setChannel("chan").setTitle("Seeded " + id)
                .setMediaUri("file:///srv/media/" + id + ".mp4").setChatUri(null).setChatFormat(null).setLive(false)
                .setDurationSec(segments * 8.0).setHasAudio(true).setHasVideo(true).setHasChat(true)
                .setSegmentSec(8.0).setSegmentCount(segments).setStreamStartEpochMs(null).setRegisteredAtMs(1L).build();
    }

    public static PipelineStatus segmentDone(String vodId, Stage stage, int index, int total, long lastSecond) {
        return PipelineStatus.newBuilder().setEventId(stage + "/" + vodId + "/" + index + "/COMPLETED").setVodId(vodId)
                .setStage(stage).setKind(StatusKind.COMPLETED).setSegmentIndex(index).setSegmentsTotal(total)
                .setLastSecond(lastSecond).setTimestampMs(System.currentTimeMillis()).build();
    }

    public static PipelineStatus error(String vodId, Stage stage, int index, String code, String message) {
        return PipelineStatus.newBuilder().setEventId(stage + "/" + vodId + "/" + index + "/ERROR").setVodId(vodId)
                .setStage(stage).setKind(StatusKind.ERROR).setSegmentIndex(index).setErrorCode(code).setMessage(message)
                .setTimestampMs(System.currentTimeMillis()).build();
    }

    public static PipelineStatus chatProgress(String vodId, long lastSecond) {
        return PipelineStatus.newBuilder().setEventId("chat/progress/" + lastSecond).setVodId(vodId).setStage(Stage.CHAT)
                .setKind(StatusKind.PROGRESS).setLastSecond(lastSecond).setTimestampMs(System.currentTimeMillis()).build();
    }

    public static Highlight highlight(String vodId, String id, int revision, double start, double end, double score) {
        return Highlight.newBuilder().setHighlightId(id).setVodId(vodId).setRevision(revision).setStartSec(start)
                .setEndSec(end).setPeakSec(start + 1).setScore(score).setPeakScore(score + 1)
                .setChatContribution(score).setAudioContribution(0.0).setVideoContribution(0.0).setChatLagSec(0.0)
                .setSnappedToSceneCut(false).setReason("chat EXCEPTIONAL r" + revision).setRank(null).build();
    }

    public static HighlightEvent event(Highlight h) {
        return HighlightEvent.newBuilder().setVodId(h.getVodId()).setPayload(h).build();
    }

    public static HighlightEvent summary(String vodId, List<Highlight> ranked) {
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).setRank(i + 1);
        }
        VodHighlightSummary s = VodHighlightSummary.newBuilder().setVodId(vodId)
                .setOrdering(RankOrdering.DURATION_THEN_MEAN_SCORE).setHighlights(ranked).setDurationSec(60.0)
                .setCompletedAtMs(System.currentTimeMillis()).build();
        return HighlightEvent.newBuilder().setVodId(vodId).setPayload(s).build();
    }
}
