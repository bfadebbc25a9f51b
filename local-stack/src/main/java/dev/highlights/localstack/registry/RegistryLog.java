package dev.highlights.localstack.registry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The registry's durable log: one compacted, single-partition Kafka topic. Every state change is a
 * record written synchronously ({@code acks=all}); the state is changed only by reading records back,
 * at start (replay to the end) and after each write (read through the written offset), so memory
 * never holds anything the log does not.
 *
 * <p>Not thread-safe: the caller serializes {@link #catchUp} and {@link #append} (the registry's write lock).
 */
final class RegistryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLog.class);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private final Consumer<LogEntry> sink;

    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;

    RegistryLog(String bootstrapServers, String topic, Consumer<LogEntry> sink) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.sink = sink;
    }

    /** Ensures the topic, opens the clients and replays the topic to its end into the sink. */
    void start() {
        ensureTopic();
        consumer = new KafkaConsumer<>(consumerProperties());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        producer = newProducer();
        long end = catchUp();
        LOG.info("Schema registry log {} replayed: {} records", topic, end);
    }

    /** Reads and applies every record up to the topic's current end; returns the end offset. */
    long catchUp() {
        long end;
        try {
            end = consumer.endOffsets(List.of(partition), IO_TIMEOUT).get(partition);
        } catch (RuntimeException e) {
            throw RegistryException.backend("cannot read the end of topic " + topic, e);
        }
        readThrough(end);
        return end;
    }

    /** Writes the entry (waiting for all in-sync replicas) and applies it by reading it back. */
    void append(LogEntry entry) {
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(topic, 0, LogEntry.key(entry), LogEntry.value(entry)))
                    .get(IO_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.backend("interrupted while writing to topic " + topic, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The outcome is unknown (the record may still land); a fresh producer starts clean and the
            // next write first catches up with whatever did land.
            resetProducer();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw RegistryException.backend("cannot write to topic " + topic + ": " + cause.getMessage(), cause);
        }
        readThrough(written.offset() + 1);
    }

    private void readThrough(long endExclusive) {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        try {
            while (consumer.position(partition, IO_TIMEOUT) < endExclusive) {
                if (System.nanoTime() > deadline) {
                    throw RegistryException.backend("timed out reading topic " + topic + " up to offset " + endExclusive, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RegistryException.backend("cannot read topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        LogEntry entry;
        try {
            if (record.key() == null) {
                throw new IllegalArgumentException("record without key");
            }
            entry = LogEntry.decode(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), topic, e.getMessage());
            return;
        }
        sink.accept(entry);
    }

    private void ensureTopic() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin-" + topic);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created schema registry topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            verifyTopic(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot prepare schema registry topic " + topic + " on " + bootstrapServers
                    + ": " + cause, cause);
        }
    }

    /** Like Confluent's store: refuse a topic that could lose or reorder schemas. */
    private void verifyTopic(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        TopicDescription description;
        while (true) {
            try {
                description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                break;
            } catch (ExecutionException e) {
                // A topic just created may not be visible in metadata yet.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("Schema registry topic " + topic + " must have exactly 1 partition, has "
                    + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? ""
                : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!List.of(policy.replace(" ", "").split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("Schema registry topic " + topic + " must have cleanup.policy=compact, has "
                    + policy);
        }
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) IO_TIMEOUT.toMillis());
        // The consumer pipelines a fetch after each poll, and the broker answers one connection's requests in
        // order: with the default 500 ms wait, the next write's end-offset lookup would queue behind that fetch.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + topic);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) IO_TIMEOUT.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) IO_TIMEOUT.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private void resetProducer() {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("Closing a failed producer", e);
        }
        producer = newProducer();
    }

    @Override
    public void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("Closing the registry producer", e);
            }
            producer = null;
        }
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                LOG.warn("Closing the registry consumer", e);
            }
            consumer = null;
        }
    }
}
