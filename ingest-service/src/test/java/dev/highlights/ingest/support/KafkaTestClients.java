package dev.highlights.ingest.support;

import dev.highlights.localstack.LocalStack;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the local stack for the tests: read_committed, every partition, from the start. */
public final class KafkaTestClients {
    private KafkaTestClients() {
    }

    /** A record as read, with its key. */
    public record Read<V>(String key, V value, int partition, long offset) {
    }

    /** Writes records (keyed) and waits for the acknowledgements. */
    @SafeVarargs
    public static <V extends SpecificRecord> void produce(String topic, String key, V... values) {
        LocalStack stack = LocalStack.shared();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (V v : values) {
                producer.send(new ProducerRecord<>(topic, key, v));
            }
            producer.flush();
        }
    }

    /** Writes one raw value (Avro bytes, JSON or garbage) and waits for the acknowledgement. */
    public static RecordMetadata sendBytes(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStack.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /**
     * Reads the whole topic (committed records) and keeps those matching {@code keep}, until {@code done} holds
     * for what was kept or the timeout passes; then reads on for {@code settle} to catch duplicates.
     */
    public static <V extends SpecificRecord> List<Read<V>> read(String topic, Predicate<Read<V>> keep,
                                                                  Predicate<List<Read<V>>> done, Duration timeout,
                                                                  Duration settle) {
        LocalStack stack = LocalStack.shared();
        SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<Read<V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + timeout.toNanos();
            long settleEnd = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, settleEnd)) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    Read<V> read = new Read<>(r.key(), r.value(), r.partition(), r.offset());
                    if (keep.test(read)) {
                        out.add(read);
                    }
                }
                if (settleEnd == Long.MAX_VALUE && done.test(out)) {
                    settleEnd = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return out;
    }

    /** Records of one key, until {@code count} were read (then 1 s more to see duplicates). */
    public static <V extends SpecificRecord> List<V> readKey(String topic, String key, int count) {
        return KafkaTestClients.<V>read(topic, r -> key.equals(r.key()), l -> l.size() >= count, Duration.ofSeconds(30),
                Duration.ofSeconds(1)).stream().map(Read::value).toList();
    }
}
