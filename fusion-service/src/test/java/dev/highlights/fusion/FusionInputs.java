package dev.highlights.fusion;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodRegistered;
import dev.highlights.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * A VOD's fusion inputs as the upstream services would send them: a planted moment (chat
 * EXCEPTIONAL for 20 s with loud audio just before), a decoy chat burst too short to count, and an
 * audio-only burst that chat never confirms.
 */
public final class FusionInputs {
    record Input(String topic, SpecificRecord value) {
    }

    public static final int DURATION = 240;
    public static final int MOMENT_START = 150;
    public static final int MOMENT_END = 170;

    private FusionInputs() {
    }

    public static List<Input> vod(String vodId, long seed) {
        Random random = new Random(seed);
        List<ChatFeatures> chat = new ArrayList<>();
        List<AudioScore> audio = new ArrayList<>();
        List<VideoScore> video = new ArrayList<>();
        for (int s = 0; s < DURATION; s++) {
            boolean moment = s >= MOMENT_START && s < MOMENT_END;
            boolean decoy = s >= 60 && s < 64;
            int points = moment || decoy ? 3 : 0;
            chat.add(chatSecond(vodId, s, points, moment || decoy ? 40 : random.nextInt(5)));
            boolean loud = (s >= MOMENT_START - 2 && s < MOMENT_END - 5) || (s >= 100 && s < 115);
            float energy = (float) (loud ? 0.5 + random.nextDouble() * 0.05 : 0.05 + random.nextDouble() * 0.02);
            audio.add(audioSecond(vodId, s, energy));
            video.add(videoSecond(vodId, s, 100 + random.nextFloat() * 5, 5 + random.nextFloat() * 2,
                    s == MOMENT_START - 1, false));
        }
        List<Input> all = new ArrayList<>();
        all.add(new Input(Topics.VODS.name(), registered(vodId)));
        // Interleave the three modalities the way independent services would: in chunks, each a record of a run of
        // seconds.
        for (int i = 0; i < DURATION; i += 30) {
            int end = Math.min(DURATION, i + 30);
            all.add(new Input(Topics.CHAT_FEATURES.name(), chatRun(vodId, chat.subList(i, end))));
            all.add(new Input(Topics.AUDIO_SCORES.name(), audioRun(vodId, audio.subList(i, end))));
            all.add(new Input(Topics.VIDEO_SCORES.name(), videoRun(vodId, video.subList(i, end))));
        }
        all.add(new Input(Topics.PIPELINE_STATUS.name(), status(vodId, Stage.AUDIO, 0, DURATION - 1)));
        all.add(new Input(Topics.PIPELINE_STATUS.name(), status(vodId, Stage.VIDEO, 0, DURATION - 1)));
        all.add(new Input(Topics.PIPELINE_STATUS.name(), status(vodId, Stage.CHAT, null, DURATION - 1)));
        return all;
    }

    public static VodRegistered registered(String vodId) {
        return registered(vodId, true, true);
    }

    public static VodRegistered registered(String vodId, boolean audio, boolean video) {
        return VodRegistered.newBuilder().setVodId(vodId).setMediaUri("file:///v.mp4").setHasAudio(audio)
                .setHasVideo(video).setHasChat(true).setLive(false).setSegmentSec(300).setSegmentCount(1)
                .setRegisteredAtMs(1L).build();
    }

    /** One second of chat, as the chat-features record of a run of one second. */
    public static ChatFeaturesBatch chat(String vodId, int second, int points, int count) {
        return chatRun(vodId, List.of(chatSecond(vodId, second, points, count)));
    }

    /** The chat-features record of a run of seconds (what chat-service sends per emit interval). */
    public static ChatFeaturesBatch chatRun(String vodId, List<ChatFeatures> seconds) {
        return ChatFeaturesBatch.newBuilder().setVodId(vodId).setFeatures(List.copyOf(seconds)).build();
    }

    public static ChatFeatures chatSecond(String vodId, int second, int points, int count) {
        return ChatFeatures.newBuilder().setVodId(vodId).setSecond(second).setRevision(1).setMessageCount(count)
                .setUniqueChatters(count).setEmoteCount(0).setEmoteShare(0).setRepeatShare(0).setLaughter(0)
                .setHype(0).setNegative(0).setBaselineMedian(2).setBaselineDeviation(1.5f)
                // Planted bursts are reactions; ordinary chat is mostly talk.
                .setReactionShare(points > 0 ? 0.8f : 0.2f)
                .setActivityDeviations(points > 0 ? 10 : 0)
                .setLevel(points == 3 ? ChatLevel.EXCEPTIONAL : points == 2 ? ChatLevel.HIGH : ChatLevel.NONE)
                .setLevelPoints(points).setScore(points / 3f).setWarmUp(false).build();
    }

    /** One second of audio, as the audio-scores record of a run of one second. */
    public static AudioScoreBatch audio(String vodId, int second, float energy) {
        return audioRun(vodId, List.of(audioSecond(vodId, second, energy)));
    }

    public static AudioScore audioSecond(String vodId, int second, float energy) {
        // The second's own level follows the energy (CONFIRMED reads it; the reference reads the 5 s energy).
        float rmsDbfs = (float) (20 * Math.log10(Math.max(energy, 1e-6)));
        return AudioScore.newBuilder().setVodId(vodId).setSecond(second).setSegmentIndex(0).setRmsDbfs(rmsDbfs)
                .setPeakDbfs(-3).setEnergy5s(energy).setSpectralFlux(1).setLogMelMean(-4).setLogMelStd(1)
                .setModelScore(energy).setLabelScores(Map.of()).setModel("test").build();
    }

    /** The audio-scores record of a run of seconds (what the audio worker sends per model batch). */
    public static AudioScoreBatch audioRun(String vodId, List<AudioScore> seconds) {
        return AudioScoreBatch.newBuilder().setVodId(vodId).setSegmentIndex(0).setScores(List.copyOf(seconds)).build();
    }

    /** One second of video, as the video-scores record of a run of one second. */
    public static VideoScoreBatch video(String vodId, int second, float brightness, float motion, boolean cut) {
        return video(vodId, second, brightness, motion, cut, false);
    }

    public static VideoScoreBatch video(String vodId, int second, float brightness, float motion, boolean cut,
                                 boolean staticScreen) {
        return videoRun(vodId, List.of(videoSecond(vodId, second, brightness, motion, cut, staticScreen)));
    }

    public static VideoScore videoSecond(String vodId, int second, float brightness, float motion, boolean cut,
                                  boolean staticScreen) {
        return VideoScore.newBuilder().setVodId(vodId).setSecond(second).setSegmentIndex(0).setFramesSampled(4)
                .setMotion(motion).setFlowMagnitude(null).setBrightness(brightness).setBrightnessDelta(0)
                .setSceneCut(cut).setSceneCutScore(cut ? 40 : 3).setStaticScreen(staticScreen).setModelScore(0.2f)
                .setModel("test").build();
    }

    /** The video-scores record of a run of seconds (what the video worker sends as seconds become ready). */
    public static VideoScoreBatch videoRun(String vodId, List<VideoScore> seconds) {
        return VideoScoreBatch.newBuilder().setVodId(vodId).setSegmentIndex(0).setScores(List.copyOf(seconds)).build();
    }

    public static PipelineStatus status(String vodId, Stage stage, Integer segment, long lastSecond) {
        return PipelineStatus.newBuilder().setEventId(stage + "/" + vodId + "/completed").setVodId(vodId)
                .setStage(stage).setKind(StatusKind.COMPLETED).setSegmentIndex(segment)
                .setSegmentsTotal(segment == null ? null : 1).setLastSecond(lastSecond)
                // a worker's COMPLETED says how many seconds the segment emitted: here the one segment 0..lastSecond
                .setCount(segment == null ? null : lastSecond + 1).setTimestampMs(1L).build();
    }
}
