package dev.highlights.launcher;

import dev.highlights.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads one VOD's records of some topics, committed ones only, from the beginning to the end offsets seen at the start.
 * Only the VOD's partition of each topic is read: keys are VOD ids, partitioned by Kafka's default murmur2 hash.
 */
final class VodPartitionReader {

    /** Called with each record of the VOD, in partition order: the topic and the raw (Confluent-framed) value. */
    interface RecordSink {
        void accept(String topic, byte[] value);
    }

    private VodPartitionReader() {
    }

    static void read(String bootstrapServers, List<Topic<?>> topics, String vodId, RecordSink sink) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?> topic : topics) {
            partitions.add(partitionOf(topic, vodId));
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (vodId.equals(record.key()) && record.value() != null) {
                        sink.accept(record.topic(), record.value());
                    }
                }
            }
        }
    }

    private static TopicPartition partitionOf(Topic<?> topic, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(topic.name(), Utils.toPositive(Utils.murmur2(bytes)) % topic.partitions());
    }
}
