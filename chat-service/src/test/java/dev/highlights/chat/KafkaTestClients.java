package dev.highlights.chat;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.localstack.LocalStack;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the local stack, for the integration tests. */
final class KafkaTestClients {
    private KafkaTestClients() {
    }

    static <V extends SpecificRecord> KafkaProducer<String, V> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false));
    }

    /**
     * Reads committed records of one key from the start of a topic until {@code done} holds for what was
     * read (or the timeout passes), and returns them in order.
     */
    static <V extends SpecificRecord> List<V> readUntil(LocalStack stack, String topic, String key,
                                                        Predicate<List<V>> done, Duration timeout) {
        SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < end) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /** Reads the chat features of one VOD (each chat-features record a run of seconds) until {@code done} holds. */
    static List<ChatFeatures> readFeaturesUntil(LocalStack stack, String vodId, Predicate<List<ChatFeatures>> done,
                                                Duration timeout) {
        List<ChatFeatures> features = new ArrayList<>();
        readUntil(stack, Topics.CHAT_FEATURES.name(), vodId, (List<ChatFeaturesBatch> runs) -> {
            features.clear();
            runs.forEach(r -> features.addAll(r.getFeatures()));
            return done.test(features);
        }, timeout);
        return features;
    }
}
