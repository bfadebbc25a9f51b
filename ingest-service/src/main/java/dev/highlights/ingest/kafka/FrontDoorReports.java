package dev.highlights.ingest.kafka;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.ingest.core.IngestPublisher;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.status.MalformedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * What the Kafka front door says about a record it did not serve: an ERROR on pipeline-status (and a counter), so
 * the client that produced it learns why. Never throws: a report that cannot be written is logged.
 */
@ApplicationScoped
public class FrontDoorReports {
    private static final Logger LOG = Logger.getLogger(FrontDoorReports.class);
    static final String CHAT_REJECTED_PREFIX = "ingest/chat-event-rejected/";

    @Inject
    IngestPublisher publisher;

    @Inject
    MeterRegistry registry;

    /** A value that is neither Avro nor JSON, or does not decode: MALFORMED_RECORD under the record's key. */
    void malformed(ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
        registry.counter("ingest.kafka.malformed", "topic", r.topic()).increment();
        LOG.warnf("Skipped unreadable record at %s: %s", position(r), e.getMessage());
        PipelineStatus status = MalformedRecords.status(Stage.INGEST, r.topic(), r.partition(), r.offset(), r.key(), e,
                System.currentTimeMillis());
        publish(status.getVodId(), status);
    }

    /** A VOD request refused; {@code report} when the registrar did not already report it. */
    void refusedRequest(String requestId, IngestException e, String position, boolean report) {
        registry.counter("ingest.kafka.refused", "topic", Topics.VOD_REQUESTS.name(), "code", e.errorCode()).increment();
        LOG.infof("%s: VOD request %s refused (%s): %s", position, requestId, e.errorCode(), e.getMessage());
        if (report) {
            publish(requestId, IngestStatus.rejected(requestId, e, System.currentTimeMillis()));
        }
    }

    /** A chat event refused, reported under its VOD with the event's position in the event id. */
    void refusedChat(String vodId, IngestException e, String position) {
        registry.counter("ingest.kafka.refused", "topic", Topics.CHAT_EVENTS.name(), "code", e.errorCode()).increment();
        LOG.infof("%s: chat event for %s refused: %s", position, vodId, e.getMessage());
        PipelineStatus status = IngestStatus.rejected(vodId, e, System.currentTimeMillis());
        status.setEventId(CHAT_REJECTED_PREFIX + e.errorCode() + "/" + position);
        status.setMessage("chat event at " + position + " refused: " + e.getMessage());
        publish(vodId, status);
    }

    /** A record whose serving failed in a way nobody planned for: INTERNAL_ERROR, and the record is skipped. */
    void failed(ConsumerRecord<?, ?> r, Throwable e) {
        String position = position(r);
        String key = r.key() instanceof byte[] raw ? MalformedRecords.vodIdOf(raw) : MalformedRecords.UNKNOWN_VOD;
        registry.counter("ingest.kafka.failed", "topic", r.topic()).increment();
        LOG.errorf(e, "Could not serve the record at %s; skipped", position);
        publish(key, IngestStatus.rejected(key, new IngestException(ProblemKind.INTERNAL,
                "internal error serving " + position + ": " + e), System.currentTimeMillis()));
    }

    static String position(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    private void publish(String key, PipelineStatus status) {
        try {
            publisher.publish(List.of(new IngestPublisher.Out(Topics.PIPELINE_STATUS, key, status)));
        } catch (RuntimeException e) {
            LOG.warnf("Could not write the status event %s for %s: %s", status.getEventId(), key, e.getMessage());
        }
    }
}
