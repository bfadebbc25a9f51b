package dev.highlights.streams;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.schemas.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The producer a Streams app's error handlers report through: outside the Streams transaction (a report must get
 * out even when the task fails), with the app's own security and registry settings.
 */
public final class StatusProducers {
    private StatusProducers() {
    }

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    /** @param streamsConfig the app's Streams settings: bootstrap servers, {@code security.*}, {@code sasl.*} ... */
    public static Producer<String, PipelineStatus> create(Map<String, ?> streamsConfig) {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, streamsConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Named after the app (one per task or thread that reports), so a broker's logs tell them apart.
        Object app = streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, (app == null ? "highlights" : app) + "-status-"
                + COUNT.incrementAndGet());
        // Client security and registry settings pass through unchanged (sasl.*, ssl.*, schema.registry.*, ...).
        streamsConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                producerConfig.put(key, value);
            }
        });
        return new KafkaProducer<>(producerConfig, new StringSerializer(), new AvroSerializer<PipelineStatus>(producerConfig, false));
    }
}
