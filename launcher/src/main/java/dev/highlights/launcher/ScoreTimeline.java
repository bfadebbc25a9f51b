package dev.highlights.launcher;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-second chat, audio and video scores of one VOD, read back from their topics for the report; a second
 * emitted twice (a late chat update, a redelivered segment) keeps its last value.
 */
final class ScoreTimeline {

    /** One media second; NaN where a modality has nothing for it. */
    record Second(long second, int chatMessages, double chatScore, String chatLevel, double audioScore,
                  double audioRmsDbfs, double videoScore, double videoMotion, boolean sceneCut, boolean staticScreen) {
    }

    private ScoreTimeline() {
    }

    static List<Second> read(String bootstrapServers, String registryUrl, String vodId) {
        Map<String, Object> serdeProps = Map.of("schema.registry.url", registryUrl);
        AvroDeserializer<ChatFeaturesBatch> chatSerde = new AvroDeserializer<ChatFeaturesBatch>(serdeProps, false)
                .withReaderClass(ChatFeaturesBatch.class);
        AvroDeserializer<AudioScoreBatch> audioSerde = new AvroDeserializer<AudioScoreBatch>(serdeProps, false)
                .withReaderClass(AudioScoreBatch.class);
        AvroDeserializer<VideoScoreBatch> videoSerde = new AvroDeserializer<VideoScoreBatch>(serdeProps, false)
                .withReaderClass(VideoScoreBatch.class);
        Map<Long, ChatFeatures> chat = new TreeMap<>();
        Map<Long, AudioScore> audio = new HashMap<>();
        Map<Long, VideoScore> video = new HashMap<>();
        VodPartitionReader.read(bootstrapServers, List.of(Topics.CHAT_FEATURES, Topics.AUDIO_SCORES, Topics.VIDEO_SCORES),
                vodId, (topic, value) -> {
                    if (topic.equals(Topics.CHAT_FEATURES.name())) {
                        for (ChatFeatures f : chatSerde.deserialize(topic, value).getFeatures()) {
                            chat.put(f.getSecond(), f); // a later revision replaces an earlier one
                        }
                    } else if (topic.equals(Topics.AUDIO_SCORES.name())) {
                        for (AudioScore a : audioSerde.deserialize(topic, value).getScores()) {
                            audio.put(a.getSecond(), a);
                        }
                    } else {
                        for (VideoScore v : videoSerde.deserialize(topic, value).getScores()) {
                            video.put(v.getSecond(), v);
                        }
                    }
                });
        long last = Math.max(max(chat.keySet()), Math.max(max(audio.keySet()), max(video.keySet())));
        List<Second> seconds = new java.util.ArrayList<>();
        for (long s = 0; s <= last; s++) {
            ChatFeatures c = chat.get(s);
            AudioScore a = audio.get(s);
            VideoScore v = video.get(s);
            seconds.add(new Second(s, c == null ? 0 : c.getMessageCount(), c == null ? Double.NaN : c.getScore(),
                    c == null ? null : c.getLevel().name(), a == null ? Double.NaN : a.getModelScore(),
                    a == null ? Double.NaN : a.getRmsDbfs(), v == null ? Double.NaN : v.getModelScore(),
                    v == null ? Double.NaN : v.getMotion(), v != null && v.getSceneCut(),
                    v != null && v.getStaticScreen()));
        }
        return seconds;
    }

    private static long max(java.util.Set<Long> seconds) {
        return seconds.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}
