package dev.highlights.ingest.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.ingest.core.IngestStatus;
import org.junit.jupiter.api.Test;

class StatusFoldTest {
    private static final VodInfo VOD = new VodInfo("v", "c", "t", "file:///m.mp4", null, null, false, 30.0, true, true,
            true, 10, 3, null, 1L);

    private static PipelineStatus s(String eventId, Stage stage, StatusKind kind, Integer segment, Long lastSecond, Long count) {
        return PipelineStatus.newBuilder().setEventId(eventId).setVodId("v").setStage(stage).setKind(kind)
                .setSegmentIndex(segment).setSegmentsTotal(segment == null ? null : 3).setLastSecond(lastSecond)
                .setCount(count).setErrorCode(kind == StatusKind.ERROR ? "E" : null).setMessage("m " + eventId)
                .setTimestampMs(100).build();
    }

    @Test
    void workerSegmentsCountOnceAndCompleteTheStage() {
        VodProgress p = new VodProgress("v");
        assertThat(StatusFold.apply(p, s("AUDIO/v/0/STARTED", Stage.AUDIO, StatusKind.STARTED, 0, null, null))).isTrue();
        assertThat(VodViews.stageView(VOD, "AUDIO", p.stage("AUDIO"), 0).state()).isEqualTo("RUNNING");
        StatusFold.apply(p, s("AUDIO/v/0/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 0, 9L, 10L));
        assertThat(StatusFold.apply(p, s("AUDIO/v/0/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 0, 9L, 10L))).isFalse();
        StatusFold.apply(p, s("AUDIO/v/2/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 2, 29L, 10L));
        StageProgress audio = p.stage("AUDIO");
        assertThat(audio.segmentsDone()).isEqualTo(2);
        assertThat(audio.segmentsTotal()).isEqualTo(3);
        assertThat(audio.lastSecond()).isEqualTo(29L);
        assertThat(audio.state(3)).isEqualTo("RUNNING");
        StatusFold.apply(p, s("AUDIO/v/1/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 1, 19L, 10L));
        assertThat(p.stage("AUDIO").state(3)).isEqualTo("COMPLETED");
        assertThat(p.events()).isEqualTo(4);
    }

    private static PipelineStatus at(long timestampMs, PipelineStatus s) {
        return PipelineStatus.newBuilder(s).setTimestampMs(timestampMs).build();
    }

    @Test
    void aStageTellsHowFarItIsHowLongItRanAndWhatIsLeftAtItsPace() {
        VodProgress p = new VodProgress("v");
        VodView.StageView pending = VodViews.stageView(VOD, "AUDIO", p.stage("AUDIO"), 5_000);
        assertThat(pending.progress()).isEqualTo(0.0);
        assertThat(pending.elapsedMs()).isNull();
        assertThat(pending.remainingMs()).isNull();

        StatusFold.apply(p, at(1_000, s("AUDIO/v/0/STARTED", Stage.AUDIO, StatusKind.STARTED, 0, null, null)));
        StatusFold.apply(p, at(4_000, s("AUDIO/v/0/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 0, 9L, 10L)));
        VodView.StageView third = VodViews.stageView(VOD, "AUDIO", p.stage("AUDIO"), 7_000);
        assertThat(third.progress()).isEqualTo(1.0 / 3);
        assertThat(third.elapsedMs()).isEqualTo(6_000L);
        assertThat(third.remainingMs()).isEqualTo(12_000L); // two more thirds at 6 s each

        StatusFold.apply(p, at(8_000, s("AUDIO/v/1/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 1, 19L, 10L)));
        StatusFold.apply(p, at(10_000, s("AUDIO/v/2/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 2, 29L, 10L)));
        VodView.StageView done = VodViews.stageView(VOD, "AUDIO", p.stage("AUDIO"), 60_000);
        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.elapsedMs()).as("to its last event, not to now").isEqualTo(9_000L);
        assertThat(done.remainingMs()).isZero();

        // Fusion counts media seconds; on a live VOD (no duration) there is no share and no estimate.
        StatusFold.apply(p, at(2_000, s("FUSION/v/PROGRESS", Stage.FUSION, StatusKind.PROGRESS, null, 14L, null)));
        assertThat(VodViews.stageView(VOD, "FUSION", p.stage("FUSION"), 5_000).progress()).isEqualTo(0.5);
        VodInfo live = new VodInfo("v", "c", "t", "https://example.com/live.m3u8", null, null, true, null, true, true,
                true, 0.0, null, 1L, 1L);
        VodView.StageView onAir = VodViews.stageView(live, "FUSION", p.stage("FUSION"), 5_000);
        assertThat(onAir.progress()).isNull();
        assertThat(onAir.elapsedMs()).isEqualTo(3_000L);
        assertThat(onAir.remainingMs()).isNull();
    }

    @Test
    void errorsWarningsAndAbsence() {
        VodProgress p = new VodProgress("v");
        StatusFold.apply(p, s("VIDEO/v/1/ERROR", Stage.VIDEO, StatusKind.ERROR, 1, null, null));
        assertThat(p.stage("VIDEO").state(3)).isEqualTo("RUNNING");
        StatusFold.apply(p, s("VIDEO/v/0/COMPLETED", Stage.VIDEO, StatusKind.COMPLETED, 0, 9L, null));
        StatusFold.apply(p, s("VIDEO/v/2/COMPLETED", Stage.VIDEO, StatusKind.COMPLETED, 2, 29L, null));
        StageProgress video = p.stage("VIDEO");
        assertThat(video.state(3)).isEqualTo("FAILED");
        assertThat(video.errorCount()).isEqualTo(1);
        assertThat(video.errors()).singleElement().satisfies(i -> {
            assertThat(i.errorCode()).isEqualTo("E");
            assertThat(i.segmentIndex()).isEqualTo(1);
        });
        // The failed segment redelivered and done: complete after all.
        StatusFold.apply(p, s("VIDEO/v/1/COMPLETED", Stage.VIDEO, StatusKind.COMPLETED, 1, 19L, null));
        assertThat(p.stage("VIDEO").state(3)).isEqualTo("COMPLETED");

        StatusFold.apply(p, IngestStatus.absent("v", Stage.AUDIO, "no audio", 5));
        assertThat(p.stage("AUDIO").state(3)).isEqualTo("ABSENT");
        assertThat(p.stage("AUDIO").absentReason()).isEqualTo("no audio");

        for (int i = 0; i < 30; i++) {
            StatusFold.apply(p, s("CHAT/w" + i, Stage.CHAT, StatusKind.WARNING, null, null, null));
        }
        assertThat(p.stage("CHAT").warningCount()).isEqualTo(30);
        assertThat(p.stage("CHAT").warnings()).hasSize(StageProgress.MAX_ISSUES)
                .last().satisfies(i -> assertThat(i.eventId()).isEqualTo("CHAT/w29"));
        assertThat(p.stage("FUSION").state(null)).isEqualTo("PENDING");
    }

    @Test
    void ingestChatImportAndLiveChat() {
        VodProgress p = new VodProgress("v");
        StatusFold.apply(p, IngestStatus.accepted("v", 3, "ok", 1));
        StatusFold.apply(p, IngestStatus.liveChat("v", "b1", 5, 12, 2));
        StatusFold.apply(p, IngestStatus.liveChat("v", "b1", 5, 12, 3)); // the same batch again
        StatusFold.apply(p, IngestStatus.liveChat("v", "b2", 2, 20, 4));
        StageProgress ingest = p.stage("INGEST");
        assertThat(ingest.progressCount()).isEqualTo(7);
        assertThat(ingest.lastSecond()).isEqualTo(20L);
        assertThat(ingest.state(null)).isEqualTo("RUNNING");
        StatusFold.apply(p, IngestStatus.liveEnded("v", 7, 20, 5));
        assertThat(p.stage("INGEST").completed()).isTrue();
        assertThat(p.stage("INGEST").count()).isEqualTo(7L);
        assertThat(p.stage("INGEST").state(null)).isEqualTo("COMPLETED");
    }

    @Test
    void survivesItsJsonForm() {
        VodProgress p = new VodProgress("v");
        StatusFold.apply(p, s("AUDIO/v/2/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 2, 29L, 10L));
        StatusFold.apply(p, s("AUDIO/v/1/ERROR", Stage.AUDIO, StatusKind.ERROR, 1, null, null));
        VodProgress back = ViewJson.read(ViewJson.write(p), VodProgress.class);
        assertThat(back.stage("AUDIO").segmentsDone()).isEqualTo(1);
        assertThat(back.stage("AUDIO").segmentsFailed()).isEqualTo(1);
        assertThat(back.stage("AUDIO").errors()).hasSize(1);
        assertThat(StatusFold.apply(back, s("AUDIO/v/2/COMPLETED", Stage.AUDIO, StatusKind.COMPLETED, 2, 29L, 10L))).isFalse();
    }
}
