package dev.highlights.ingest.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.core.IngestException;
import dev.highlights.ingest.core.IngestPublisher;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.core.LiveChatService;
import dev.highlights.ingest.core.ProblemKind;
import dev.highlights.ingest.core.VodRegistrar;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializer;
import dev.highlights.schemas.status.MalformedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Kafka front door: consumes the public ingest topics and hands each request to the code that serves REST.
 * <ul>
 *   <li>vod-requests: {@link VodRegistrar#register(dev.highlights.ingest.core.VodRequest, boolean, String)}, with
 *       every refusal reported on pipeline-status (ERROR, {@code ingest/rejected/<errorCode>}) keyed by the request
 *       id (else the VOD id, else the record key).</li>
 *   <li>chat-events: {@link LiveChatService#push} (all or nothing per event; messages this replica already wrote
 *       for the VOD are left out) and, for {@code end}, {@link LiveChatService#end}. A refused event is an ERROR
 *       ({@code ingest/chat-event-rejected/...}) keyed by the VOD id. An event for a VOD that is not registered yet
 *       is kept aside and retried for {@code ingest.kafka.unknown-vod-grace}, so a client may push a live VOD's
 *       request and its first chat together.</li>
 *   <li>Values that are neither Avro nor JSON, or do not decode: MALFORMED_RECORD on pipeline-status, skipped.</li>
 * </ul>
 * One plain consumer in the group {@code ingest.kafka.group-id}; within a poll, VOD requests are served before chat
 * events. Nothing blocks a partition: every record ends served, refused or (malformed) reported. Offsets are
 * committed after each poll's records were handled (at least once; repeats change nothing, see the ids).
 */
@ApplicationScoped
public class IngestTopicsConsumer {
    private static final Logger LOG = Logger.getLogger(IngestTopicsConsumer.class);
    static final String CHAT_REJECTED_PREFIX = "ingest/chat-event-rejected/";
    private static final int UNAVAILABLE_ATTEMPTS = 4;

    @Inject
    IngestConfig config;

    @Inject
    VodRegistrar registrar;

    @Inject
    LiveChatService liveChat;

    @Inject
    IngestPublisher publisher;

    @Inject
    ViewStores stores;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "schema.registry.url")
    String registryUrl;

    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private IngestValues values;
    private final Deque<Deferred> deferred = new ArrayDeque<>();

    /** A chat event waiting for its VOD's registration. */
    private record Deferred(IngestValues.ChatPush push, String position, long firstSeenNanos) {
    }

    void start(@Observes StartupEvent event) {
        if (!config.kafka().enabled()) {
            LOG.info("The Kafka ingest topics are off (ingest.kafka.enabled=false)");
            return;
        }
        Map<String, Object> serde = new HashMap<>(config.kafka().consumer());
        serde.put("schema.registry.url", registryUrl);
        values = new IngestValues(mapper, new AvroDeserializer<>(serde, false));
        running = true;
        thread = new Thread(this::loop, "ingest-topics-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-requests");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Registration probes media (seconds each at worst): small polls keep far below max.poll.interval.ms.
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        c.putAll(config.kafka().consumer());
        return c;
    }

    private void loop() {
        try {
            while (running && !stores.ready()) {
                Thread.sleep(200); // refusals and repeats are judged on the views: wait until they are restored
            }
            if (!running) {
                return;
            }
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(List.of(Topics.VOD_REQUESTS.name(), Topics.CHAT_EVENTS.name()));
                LOG.infof("Consuming %s and %s (group %s)", Topics.VOD_REQUESTS.name(), Topics.CHAT_EVENTS.name(),
                        config.kafka().groupId());
                while (running) {
                    ConsumerRecords<byte[], byte[]> records;
                    try {
                        records = c.poll(Duration.ofMillis(deferred.isEmpty() ? 500 : 100));
                    } catch (WakeupException e) {
                        break;
                    }
                    List<ConsumerRecord<byte[], byte[]>> requests = new ArrayList<>();
                    List<ConsumerRecord<byte[], byte[]>> chat = new ArrayList<>();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        (r.topic().equals(Topics.VOD_REQUESTS.name()) ? requests : chat).add(r);
                    }
                    requests.forEach(this::handle);
                    chat.forEach(this::handle);
                    retryDeferred();
                    if (!records.isEmpty()) {
                        try {
                            c.commitSync();
                        } catch (WakeupException e) {
                            break;
                        } catch (RuntimeException e) {
                            LOG.warnf("Could not commit the ingest topics' offsets (they will be read again; repeats "
                                    + "change nothing): %s", e.getMessage());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The Kafka ingest consumer stopped");
        } finally {
            consumer = null;
        }
    }

    /** Serves one record; never throws. */
    void handle(ConsumerRecord<byte[], byte[]> r) {
        String position = r.topic() + "-" + r.partition() + "@" + r.offset();
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        try {
            if (r.topic().equals(Topics.VOD_REQUESTS.name())) {
                vodRequest(r, key, position);
            } else {
                IngestValues.ChatPush push;
                try {
                    push = values.chatEvent(r.topic(), key, r.value());
                } catch (IngestException e) {
                    refusedChat(key != null ? key : MalformedRecords.UNKNOWN_VOD, e, position);
                    return;
                }
                if (deferred.stream().anyMatch(d -> d.push().vodId().equals(push.vodId()))) {
                    deferred.add(new Deferred(push, position, System.nanoTime())); // stays behind the VOD's earlier chat
                } else {
                    chatEvent(push, position, System.nanoTime());
                }
            }
        } catch (IngestValues.MalformedValueException e) {
            registry.counter("ingest.kafka.malformed", "topic", r.topic()).increment();
            LOG.warnf("Skipped unreadable record at %s: %s", position, e.getMessage());
            PipelineStatus status = MalformedRecords.status(Stage.INGEST, r.topic(), r.partition(), r.offset(), r.key(),
                    e, System.currentTimeMillis());
            publishStatus(status.getVodId(), status);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not serve the record at %s; skipped", position);
            publishStatus(key != null ? key : MalformedRecords.UNKNOWN_VOD, IngestStatus.rejected(
                    key != null ? key : MalformedRecords.UNKNOWN_VOD,
                    new IngestException(ProblemKind.INTERNAL, "internal error serving " + position + ": " + e), System.currentTimeMillis()));
        }
    }

    private void vodRequest(ConsumerRecord<byte[], byte[]> r, String key, String position) {
        IngestValues.VodPush push;
        String reportAs;
        try {
            push = values.vodRequest(r.topic(), r.value());
        } catch (IngestException e) {
            // Decoded JSON that is not a request: reported like a refused request, under the key.
            reportAs = key != null && !key.isBlank() ? key : "request-" + hash(r.value());
            refused(reportAs, e, position);
            publishStatus(reportAs, IngestStatus.rejected(reportAs, e, System.currentTimeMillis()));
            return;
        }
        reportAs = firstNonBlank(push.requestId(), push.request() == null ? null : push.request().id(), key);
        if (reportAs == null) {
            reportAs = "request-" + hash(r.value());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                VodRegistrar.Outcome outcome = registrar.register(push.request(), true, reportAs);
                registry.counter("ingest.kafka.vod-requests", "outcome", outcome.created() ? "registered" : "repeated")
                        .increment();
                LOG.infof("%s: VOD %s %s (request %s)", position, outcome.vod().vodId(),
                        outcome.created() ? "registered" : "already registered, nothing redone", reportAs);
                return;
            } catch (IngestException e) {
                if (e.kind() == ProblemKind.UNAVAILABLE && attempt < UNAVAILABLE_ATTEMPTS && pause(attempt)) {
                    continue;
                }
                refused(reportAs, e, position);
                if (e.kind() == ProblemKind.UNAVAILABLE) {
                    publishStatus(reportAs, IngestStatus.rejected(reportAs, e, System.currentTimeMillis()));
                }
                return; // the registrar reported it on pipeline-status
            }
        }
    }

    /** @return true when served or refused for good; false when kept aside for a VOD not registered yet */
    private boolean chatEvent(IngestValues.ChatPush push, String position, long firstSeenNanos) {
        for (int attempt = 1; ; attempt++) {
            try {
                int max = config.limits().maxChatBatchMessages();
                if (push.messages().size() > max) {
                    throw new IngestException(ProblemKind.PAYLOAD_TOO_LARGE, "CHAT_BATCH_TOO_LARGE", "the chat event holds "
                            + push.messages().size() + " messages, more than " + max
                            + " (ingest.limits.max-chat-batch-messages); split it");
                }
                if (push.messages().isEmpty() && !push.end()) {
                    throw new IngestException(ProblemKind.INVALID_REQUEST, "the chat event holds no messages and does not end the stream");
                }
                int written = 0;
                if (!push.messages().isEmpty()) {
                    written = liveChat.push(push.vodId(), push.messages(), true).messages();
                }
                boolean ended = push.end() && liveChat.end(push.vodId());
                registry.counter("ingest.kafka.chat-events").increment();
                LOG.debugf("%s: %d of %d chat messages written for %s%s", position, written, push.messages().size(),
                        push.vodId(), ended ? ", stream ended" : "");
                return true;
            } catch (IngestException e) {
                if (e.kind() == ProblemKind.VOD_NOT_FOUND
                        && System.nanoTime() - firstSeenNanos < config.kafka().unknownVodGrace().toNanos()) {
                    deferred.add(new Deferred(push, position, firstSeenNanos));
                    return false;
                }
                if (e.kind() == ProblemKind.UNAVAILABLE && attempt < UNAVAILABLE_ATTEMPTS && pause(attempt)) {
                    continue;
                }
                refusedChat(push.vodId(), e, position);
                return true;
            }
        }
    }

    private void retryDeferred() {
        int n = deferred.size();
        Set<String> waiting = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Deferred d = deferred.poll();
            if (waiting.contains(d.push().vodId())) {
                deferred.add(d); // keeps one VOD's chat in order
            } else if (!chatEvent(d.push(), d.position(), d.firstSeenNanos())) {
                waiting.add(d.push().vodId()); // put back: the VOD is still unknown
            }
        }
    }

    /** Chat events still waiting for their VOD (for tests). */
    int deferredCount() {
        return deferred.size();
    }

    private void refusedChat(String vodId, IngestException e, String position) {
        registry.counter("ingest.kafka.refused", "topic", Topics.CHAT_EVENTS.name(), "code", e.errorCode()).increment();
        LOG.infof("%s: chat event for %s refused: %s", position, vodId, e.getMessage());
        PipelineStatus base = IngestStatus.rejected(vodId, e, System.currentTimeMillis());
        base.setEventId(CHAT_REJECTED_PREFIX + e.errorCode() + "/" + position);
        base.setMessage("chat event at " + position + " refused: " + e.getMessage());
        publishStatus(vodId, base);
    }

    private void refused(String requestId, IngestException e, String position) {
        registry.counter("ingest.kafka.refused", "topic", Topics.VOD_REQUESTS.name(), "code", e.errorCode()).increment();
        LOG.infof("%s: VOD request %s refused (%s): %s", position, requestId, e.errorCode(), e.getMessage());
    }

    private void publishStatus(String key, PipelineStatus status) {
        try {
            publisher.publish(List.of(new IngestPublisher.Out(Topics.PIPELINE_STATUS, key, status)));
        } catch (RuntimeException e) {
            LOG.warnf("Could not write the status event %s for %s: %s", status.getEventId(), key, e.getMessage());
        }
    }

    private boolean pause(int attempt) {
        try {
            Thread.sleep(500L << attempt);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
