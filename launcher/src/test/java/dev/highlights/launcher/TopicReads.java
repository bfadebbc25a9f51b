package dev.highlights.launcher;

import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the end-to-end tests' pipeline from its start to its current end, as consumers see it. */
final class TopicReads {
    private TopicReads() {
    }

    /**
     * Every committed record (read_committed) whose key and value {@code keep} accepts; records nobody can read (the
     * hostile suite writes some) are passed over.
     */
    static <V extends SpecificRecord> List<V> toEnd(EmbeddedPipeline pipeline, String topic, Class<V> type,
                                                   BiPredicate<String, V> keep) {
        SpecificAvroDeserializer<V> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", pipeline.schemaRegistryUrl()), false);
        values.withReaderClass(type);
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(300))) {
                        if (r.value() != null && keep.test(r.key(), r.value())) {
                            out.add(r.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        return out;
    }
}
