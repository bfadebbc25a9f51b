package dev.highlights.ingest.kafka;

import dev.highlights.ingest.core.VodRegistrar;
import dev.highlights.ingest.problem.IngestException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The {@code vod-requests} channel: each request goes to {@link VodRegistrar#register} as a REST registration
 * does. A refusal is an ERROR on pipeline-status ({@code ingest/rejected/<errorCode>}) keyed by the request id (else
 * the VOD id, else the record key, else a hash of the value); an unreadable value is a MALFORMED_RECORD. The record
 * is acknowledged (its offset may be committed) once it was served or refused; while the registry, Kafka or the
 * views are down it waits instead ({@link UntilAvailable}). Repeats change nothing: registration is idempotent.
 */
@ApplicationScoped
public class VodRequestIntake {
    private static final Logger LOG = Logger.getLogger(VodRequestIntake.class);

    @Inject
    VodRegistrar registrar;

    @Inject
    IngestValues values;

    @Inject
    FrontDoorReports reports;

    @Inject
    MeterRegistry registry;

    private volatile boolean running = true;

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    @Incoming("vod-requests")
    @Blocking // registration probes media: seconds at worst, on a worker thread; the connector pauses meanwhile
    public void serve(ConsumerRecord<byte[], byte[]> r) {
        String position = FrontDoorReports.position(r);
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        IngestValues.VodPush push;
        try {
            push = UntilAvailable.serve(position, () -> running, () -> values.vodRequest(r.topic(), r.value()));
        } catch (IngestValues.MalformedValueException e) {
            reports.malformed(r, e);
            return;
        } catch (IngestException e) {
            // Decoded JSON that is not a request: reported like a refused request, under the key.
            String reportAs = key != null && !key.isBlank() ? key : "request-" + hash(r.value());
            reports.refusedRequest(reportAs, e, position, true);
            return;
        }
        String reportAs = firstNonBlank(push.requestId(), push.request() == null ? null : push.request().id(), key);
        if (reportAs == null) {
            reportAs = "request-" + hash(r.value());
        }
        String requestId = reportAs;
        try {
            VodRegistrar.Outcome outcome = UntilAvailable.serve(position, () -> running,
                    () -> registrar.register(push.request(), true, requestId));
            registry.counter("ingest.kafka.vod-requests", "outcome", outcome.created() ? "registered" : "repeated")
                    .increment();
            LOG.infof("%s: VOD %s %s (request %s)", position, outcome.vod().vodId(),
                    outcome.created() ? "registered" : "already registered, nothing redone", requestId);
        } catch (IngestException e) {
            reports.refusedRequest(requestId, e, position, false); // the registrar reported it on pipeline-status
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static String hash(byte[] value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value == null ? new byte[0] : value);
            return HexFormat.of().formatHex(d).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
