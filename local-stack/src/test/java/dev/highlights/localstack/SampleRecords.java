package dev.highlights.localstack;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.ChatEvent;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.LivePart;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.RankOrdering;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.avro.VodRegistered;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One realistic record per catalogue topic, with every optional field filled. */
final class SampleRecords {
    private SampleRecords() {
    }

    static SpecificRecord forTopic(Topic<?> topic, String vodId) {
        Object value = switch (topic.name()) {
            case "vods" -> VodRegistered.newBuilder().setVodId(vodId).setChannel("channel").setTitle("Finals day")
                    .setMediaUri("file:///media/finals.mp4").setChatUri("file:///media/finals.json")
                    .setChatFormat("twitch-downloader-json").setDurationSec(3600.5).setHasAudio(true).setHasVideo(true)
                    .setSegmentSec(300).setSegmentCount(13).setStreamStartEpochMs(1_700_000_000_000L)
                    .setRegisteredAtMs(1_700_000_100_000L).build();
            case "media-segments" -> MediaSegment.newBuilder().setSegmentId(vodId + "/3").setVodId(vodId).setIndex(3)
                    .setCount(13).setMediaUri("file:///media/finals.mp4").setStartSec(900).setEndSec(1200)
                    .setPreRollSec(5).setLast(false).build();
            case "live-media" -> LiveMediaState.newBuilder().setVodId(vodId)
                    .setMediaPlaylistUri("https://cdn.example.com/live/720p.m3u8").setNextSequence(1207)
                    .setNextStartSec(2414.5).setOwnedUntilSec(2413).setNextIndex(1190).setLongestPartSec(2.002)
                    .setFinished(false).setUpdatedAtMs(1_700_002_514_000L).setRecent(List.of(LivePart.newBuilder()
                            .setUri("https://cdn.example.com/live/1206.ts").setStartSec(2412.5).setDurationSec(2)
                            .setInitUri(null).build())).build();
            case "vod-requests" -> VodIngestRequest.newBuilder().setRequestId("req-1").setVodId(vodId)
                    .setChannel("channel").setTitle("Finals day").setMediaUri("file:///media/finals.mp4")
                    .setChatUri("file:///media/finals.json").setChatFormat("twitch-downloader-json").setLive(false)
                    .setStreamStartEpochMs(1_700_000_000_000L).build();
            case "chat-events" -> ChatEvent.newBuilder().setVodId(vodId)
                    .setMessages(List.of(chatMessage(vodId))).setEnd(false).build();
            case "chat-messages" -> chatMessage(vodId);
            case "chat-features" -> ChatFeaturesBatch.newBuilder().setVodId(vodId).setFeatures(List.of(
                    ChatFeatures.newBuilder().setVodId(vodId).setSecond(61).setRevision(2)
                            .setMessageCount(40).setUniqueChatters(33).setEmoteCount(25).setEmoteShare(0.4f)
                            .setRepeatShare(0.2f).setLaughter(0.5f).setHype(0.1f).setNegative(0f).setBaselineMedian(3)
                            .setBaselineDeviation(1.48f).setActivityDeviations(25f).setLevel(ChatLevel.EXCEPTIONAL)
                            .setLevelPoints(3).setScore(1f).setWarmUp(false).build())).build();
            case "audio-scores" -> AudioScoreBatch.newBuilder().setVodId(vodId).setSegmentIndex(0).setScores(List.of(
                    AudioScore.newBuilder().setVodId(vodId).setSecond(61).setSegmentIndex(0)
                            .setRmsDbfs(-12.5f).setPeakDbfs(-0.3f).setEnergy5s(0.21f).setSpectralFlux(3.2f)
                            .setLogMelMean(-4.1f).setLogMelStd(2.2f).setModelScore(0.87f)
                            .setLabelScores(Map.of("Laughter", 0.7f, "Music", 0.05f)).setModel("excitement-v1").build(),
                    AudioScore.newBuilder().setVodId(vodId).setSecond(62).setSegmentIndex(0)
                            .setRmsDbfs(-30f).setPeakDbfs(-9f).setEnergy5s(0.05f).setSpectralFlux(0.4f)
                            .setLogMelMean(-6.3f).setLogMelStd(1.1f).setModelScore(0.12f)
                            .setLabelScores(Map.of()).setModel("excitement-v1").build())).build();
            case "video-scores" -> VideoScoreBatch.newBuilder().setVodId(vodId).setSegmentIndex(0).setScores(List.of(
                    VideoScore.newBuilder().setVodId(vodId).setSecond(61).setSegmentIndex(0)
                            .setFramesSampled(4).setMotion(22.5f).setFlowMagnitude(1.5f).setBrightness(120f)
                            .setBrightnessDelta(-3f).setSceneCut(true).setSceneCutScore(41f).setStaticScreen(false)
                            .setModelScore(0.6f).setModel("activity-v1").build())).build();
            case "pipeline-status" -> PipelineStatus.newBuilder().setEventId("audio/completed/3").setVodId(vodId)
                    .setStage(Stage.AUDIO).setKind(StatusKind.COMPLETED).setSegmentIndex(3).setSegmentsDone(4)
                    .setSegmentsTotal(13).setLastSecond(1199L).setCount(300L).setErrorCode(null)
                    .setMessage("segment 3 done").setTimestampMs(1_700_000_200_000L).build();
            case "highlights" -> HighlightEvent.newBuilder().setVodId(vodId).setPayload(
                    VodHighlightSummary.newBuilder().setVodId(vodId).setOrdering(RankOrdering.DURATION_THEN_MEAN_SCORE)
                            .setHighlights(List.of(highlight(vodId))).setDurationSec(3600.5)
                            .setCompletedAtMs(1_700_000_900_000L).build()).build();
            default -> throw new IllegalArgumentException("No sample for topic " + topic.name());
        };
        return (SpecificRecord) value;
    }

    static ChatMessage chatMessage(String vodId) {
        return ChatMessage.newBuilder().setMessageId("id-1").setVodId(vodId).setOffsetSec(61.25)
                .setEpochMs(1_700_000_061_250L)
                .setAuthor(ChatAuthor.newBuilder().setId("123").setName("viewer").setDisplayName("Viewer")
                        .setColor("#FF0000").build())
                .setText("KEKW no way").setEmotes(List.of(new Emote("25", "KEKW", 0, 3)))
                .setBadges(List.of(new Badge("subscriber", "12"))).setBits(100).setReplyParentId("id-0")
                .setType(ChatMessageType.CHEER).setSource("twitch-irc").build();
    }

    static Highlight highlight(String vodId) {
        return Highlight.newBuilder().setHighlightId(vodId + "-h-58").setVodId(vodId).setRevision(2).setStartSec(58)
                .setEndSec(75).setPeakSec(61).setScore(2.4).setPeakScore(3.3).setChatContribution(2.1)
                .setAudioContribution(0.3).setVideoContribution(0.0).setChatLagSec(4).setSnappedToSceneCut(true)
                .setReason("chat EXCEPTIONAL 40 msg/s, audio +2.8 sd, cut at 00:00:58").setRank(1).build();
    }

    static List<Topic<?>> topics() {
        return Topics.all();
    }
}
