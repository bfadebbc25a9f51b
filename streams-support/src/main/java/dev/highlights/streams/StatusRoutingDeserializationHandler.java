package dev.highlights.streams;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SchemaRegistryException;
import dev.highlights.schemas.status.MalformedRecords;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * <p>A record that could not be read only because the schema registry did not answer is not the record's fault:
 * it is neither reported nor skipped. The handler fails the task instead, and {@link ThreadReplacingExceptionHandler}
 * waits and starts the thread again, which reads the record again.
 *
 * <p>The status event goes out through a producer of its own, outside the Streams transaction: a
 * task that restarts may report the same record twice, with the same event id. Kafka Streams makes one handler per
 * task, so the producer is made on the first unreadable record, not at start: a healthy app runs none (before, chat
 * and fusion each kept twelve idle producers, their threads and connections).
 */
public class StatusRoutingDeserializationHandler implements DeserializationExceptionHandler {
    public static final String STAGE_CONFIG = "highlights.status.stage";
    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutingDeserializationHandler.class);

    private Stage stage = Stage.UNKNOWN;
    private Map<String, Object> configs = Map.of();
    private Producer<String, PipelineStatus> producer;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(STAGE_CONFIG);
        stage = configured == null ? Stage.UNKNOWN : Stage.valueOf(configured.toString().toUpperCase());
        this.configs = new HashMap<>(configs);
    }

    /** For tests: report through this producer instead of one built from the Streams config. */
    public synchronized void configure(Stage stage, Producer<String, PipelineStatus> producer) {
        this.stage = stage;
        this.producer = producer;
    }

    private synchronized Producer<String, PipelineStatus> producer() {
        if (producer == null) {
            producer = StatusProducers.create(configs);
        }
        return producer;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        if (SchemaRegistryException.registryUnavailable(exception)) {
            LOG.warn("{}: {}-{}@{} could not be read while the schema registry cannot be used (no answer, or it refuses"
                    + " our credentials); it will be read again: {}", stage, record.topic(), record.partition(),
                    record.offset(), exception.toString());
            return DeserializationHandlerResponse.FAIL;
        }
        PipelineStatus status = MalformedRecords.status(stage, record.topic(), record.partition(), record.offset(),
                record.key(), exception, System.currentTimeMillis());
        LOG.warn("{}", status.getMessage());
        producer().send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status), (meta, error) -> {
            if (error != null) {
                LOG.error("Could not report the unreadable record on {}: {}", Topics.PIPELINE_STATUS.name(), error.toString());
            }
        });
        return DeserializationHandlerResponse.CONTINUE;
    }
}
