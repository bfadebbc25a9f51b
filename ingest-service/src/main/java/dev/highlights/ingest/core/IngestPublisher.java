package dev.highlights.ingest.core;

import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SchemaRegistryException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Kafka producer of ingest, shared by registrations, chat imports and live chat. Tuned for bulk chat:
 * idempotent, acks=all, lz4, 20 ms linger, 256 KiB batches (each overridable with {@code ingest.producer.*}).
 * Keys are VOD ids (media-segments: see {@code ingest.segment-key}).
 */
@ApplicationScoped
public class IngestPublisher {

    /** One record to write. */
    public record Out(Topic<?> topic, String key, SpecificRecord value) {
    }

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, SpecificRecord> producer;

    @Inject
    public IngestPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                           @ConfigProperty(name = "schema.registry.url") String registryUrl, IngestConfig config) {
        this(producerConfig(bootstrap, registryUrl, config.producer()));
    }

    IngestPublisher(Map<String, Object> config) {
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(config, false));
    }

    static Map<String, Object> producerConfig(String bootstrap, String registryUrl, Map<String, String> overrides) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put("schema.registry.url", registryUrl);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        c.putAll(overrides);
        return c;
    }

    /**
     * Writes the records and waits until Kafka acknowledged all of them.
     *
     * @throws IngestException 503 when Kafka does not acknowledge in time or the registry does not answer
     */
    public void publish(List<Out> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (Out r : records) {
            try {
                acks.add(producer.send(new ProducerRecord<>(r.topic().name(), r.key(), r.value())));
            } catch (SerializationException e) {
                if (SchemaRegistryException.registryUnavailable(e)) { // the schema id could not be had: not the record's fault
                    throw new IngestException(ProblemKind.UNAVAILABLE, "REGISTRY_UNAVAILABLE",
                            "the schema registry cannot be used now (no answer, or it refuses our credentials): "
                            + e.getMessage() + "; retry later", e);
                }
                throw e;
            }
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException(ProblemKind.UNAVAILABLE, "KAFKA_UNAVAILABLE", "interrupted while writing to Kafka");
            } catch (ExecutionException e) {
                throw new IngestException(ProblemKind.UNAVAILABLE, "KAFKA_UNAVAILABLE",
                        "Kafka did not accept the records: " + e.getCause().getMessage() + "; retry later", e.getCause());
            } catch (TimeoutException e) {
                throw new IngestException(ProblemKind.UNAVAILABLE, "KAFKA_UNAVAILABLE",
                        "Kafka did not acknowledge within " + ACK_TIMEOUT.toSeconds() + " s; retry later");
            }
        }
    }

    /** Sends without waiting; {@code callback} sees the outcome. Blocks only while the producer buffer is full. */
    public void send(Out record, Callback callback) {
        producer.send(new ProducerRecord<>(record.topic().name(), record.key(), record.value()), callback);
    }

    /** Waits until every record sent so far completed. */
    public void flush() {
        producer.flush();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
