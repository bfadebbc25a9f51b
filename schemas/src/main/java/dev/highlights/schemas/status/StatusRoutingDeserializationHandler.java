package dev.highlights.schemas.status;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams: set {@code default.deserialization.exception.handler} (Quarkus:
 * {@code kafka-streams.default.deserialization.exception.handler}) to this class and an unreadable
 * input record becomes an ERROR event on pipeline-status, then is skipped; the task keeps running.
 * {@code highlights.status.stage} names the reporting stage (CHAT, FUSION, ...).
 *
 * <p>The status event goes out through a producer of its own, outside the Streams transaction: a
 * task that restarts may report the same record twice, with the same event id.
 */
public class StatusRoutingDeserializationHandler implements DeserializationExceptionHandler {
    public static final String STAGE_CONFIG = "highlights.status.stage";
    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutingDeserializationHandler.class);

    private Stage stage = Stage.UNKNOWN;
    private Producer<String, PipelineStatus> producer;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(STAGE_CONFIG);
        stage = configured == null ? Stage.UNKNOWN : Stage.valueOf(configured.toString().toUpperCase());
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Client security and registry settings pass through unchanged (sasl.*, ssl.*, schema.registry.*, ...).
        configs.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                producerConfig.put(key, value);
            }
        });
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new AvroSerializer<PipelineStatus>(producerConfig, false));
    }

    /** For tests: report through this producer instead of one built from the Streams config. */
    public void configure(Stage stage, Producer<String, PipelineStatus> producer) {
        this.stage = stage;
        this.producer = producer;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        PipelineStatus status = MalformedRecords.status(stage, record.topic(), record.partition(), record.offset(),
                record.key(), exception, System.currentTimeMillis());
        LOG.warn("{}", status.getMessage());
        producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status), (meta, error) -> {
            if (error != null) {
                LOG.error("Could not report the unreadable record on {}: {}", Topics.PIPELINE_STATUS.name(), error.toString());
            }
        });
        return DeserializationHandlerResponse.CONTINUE;
    }
}
