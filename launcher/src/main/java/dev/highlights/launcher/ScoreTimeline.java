package dev.highlights.launcher;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The per-second chat, audio and video scores of one VOD, read back from their topics for the report. Only the
 * VOD's partition of each topic is read (keys are VOD ids, partitioned by Kafka's default murmur2 hash); a
 * second emitted twice (a late chat update, a redelivered segment) keeps its last value.
 */
final class ScoreTimeline {

    /** One media second; NaN where a modality has nothing for it. */
    record Second(long second, int chatMessages, double chatScore, String chatLevel, double audioScore,
                  double audioRmsDbfs, double videoScore, double videoMotion, boolean sceneCut, boolean staticScreen) {
    }

    private ScoreTimeline() {
    }

    static List<Second> read(String bootstrapServers, String registryUrl, String vodId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
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
        List<TopicPartition> partitions = List.of(partitionOf(Topics.CHAT_FEATURES, vodId),
                partitionOf(Topics.AUDIO_SCORES, vodId), partitionOf(Topics.VIDEO_SCORES, vodId));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!vodId.equals(record.key()) || record.value() == null) {
                        continue;
                    }
                    switch (record.topic()) {
                        case "chat-features" -> {
                            for (ChatFeatures f : chatSerde.deserialize(record.topic(), record.value()).getFeatures()) {
                                chat.put(f.getSecond(), f); // a later revision replaces an earlier one
                            }
                        }
                        case "audio-scores" -> {
                            for (AudioScore a : audioSerde.deserialize(record.topic(), record.value()).getScores()) {
                                audio.put(a.getSecond(), a);
                            }
                        }
                        default -> {
                            for (VideoScore v : videoSerde.deserialize(record.topic(), record.value()).getScores()) {
                                video.put(v.getSecond(), v);
                            }
                        }
                    }
                }
            }
        }
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

    private static TopicPartition partitionOf(Topic<?> topic, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(topic.name(), Utils.toPositive(Utils.murmur2(bytes)) % topic.partitions());
    }
}
