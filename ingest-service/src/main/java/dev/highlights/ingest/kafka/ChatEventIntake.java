package dev.highlights.ingest.kafka;

import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.core.LiveChatService;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.schemas.status.MalformedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The {@code chat-events} channel: each event goes to {@link LiveChatService#push} (all or nothing; messages this
 * replica already wrote for the VOD are left out) and, for {@code end}, {@link LiveChatService#end}. A refused
 * event is an ERROR ({@code ingest/chat-event-rejected/...}) keyed by the VOD id; an unreadable one a
 * MALFORMED_RECORD.
 *
 * <p>An event for a VOD that is not registered yet waits for {@code ingest.kafka.unknown-vod-grace}, so a client
 * may push a live VOD's request and its first chat together; later events of that VOD wait behind it, other VODs'
 * events go on. At most {@code ingest.kafka.max-waiting-chat-events} wait; beyond that an unknown VOD's event is
 * refused at once. A waiting event is not acknowledged, so its offset is not committed before it is served: a
 * restart reads it again. Everything runs on one thread, which keeps each VOD's chat in order.
 */
@ApplicationScoped
public class ChatEventIntake {
    private static final Logger LOG = Logger.getLogger(ChatEventIntake.class);
    private static final long RETRY_EVERY_MS = 250;

    @Inject
    LiveChatService liveChat;

    @Inject
    IngestValues values;

    @Inject
    FrontDoorReports reports;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-chat-events");
        t.setDaemon(true);
        return t;
    });
    /** Events waiting for their VOD's registration, by VOD in arrival order; touched on {@link #thread} only. */
    private final Map<String, Deque<Waiting>> waiting = new LinkedHashMap<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private volatile boolean running = true;

    private record Waiting(Message<byte[]> message, IngestValues.ChatPush push, String position, long sinceNanos) {
    }

    @PostConstruct
    void start() {
        registry.gauge("ingest.kafka.chat-events.waiting", waitingCount);
        thread.scheduleWithFixedDelay(this::retryWaiting, RETRY_EVERY_MS, RETRY_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        thread.shutdownNow();
    }

    @Incoming("chat-events")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        return CompletableFuture.supplyAsync(() -> accept(message), thread).thenCompose(done -> done);
    }

    private CompletionStage<Void> accept(Message<byte[]> message) {
        ConsumerRecord<byte[], byte[]> r = record(message);
        String position = FrontDoorReports.position(r);
        try {
            IngestValues.ChatPush push;
            try {
                push = UntilAvailable.serve(position, () -> running,
                        () -> values.chatEvent(r.topic(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                                r.value()));
            } catch (IngestValues.MalformedValueException e) {
                reports.malformed(r, e);
                return message.ack();
            } catch (IngestException e) {
                reports.refusedChat(MalformedRecords.vodIdOf(r.key()), e, position);
                return message.ack();
            }
            Waiting event = new Waiting(message, push, position, System.nanoTime());
            if (!waiting.containsKey(push.vodId()) && serve(event)) {
                return message.ack();
            }
            return waitFor(event);
        } catch (UntilAvailable.StoppedException e) {
            return CompletableFuture.completedFuture(null); // not acknowledged: read again after the restart
        } catch (RuntimeException e) {
            return message.nack(e);
        }
    }

    /** @return true when served or refused for good; false while its VOD is unknown within the grace */
    private boolean serve(Waiting event) {
        IngestValues.ChatPush push = event.push();
        try {
            UntilAvailable.serve(event.position(), () -> running, () -> {
                int max = config.limits().maxChatBatchMessages();
                if (push.messages().size() > max) {
                    throw new IngestException(ProblemKind.PAYLOAD_TOO_LARGE, "CHAT_BATCH_TOO_LARGE", "the chat event holds "
                            + push.messages().size() + " messages, more than " + max
                            + " (ingest.limits.max-chat-batch-messages); split it");
                }
                if (push.messages().isEmpty() && !push.end()) {
                    throw new IngestException(ProblemKind.INVALID_REQUEST,
                            "the chat event holds no messages and does not end the stream");
                }
                int written = push.messages().isEmpty() ? 0 : liveChat.push(push.vodId(), push.messages(), true).messages();
                boolean ended = push.end() && liveChat.end(push.vodId());
                registry.counter("ingest.kafka.chat-events").increment();
                LOG.debugf("%s: %d of %d chat messages written for %s%s", event.position(), written,
                        push.messages().size(), push.vodId(), ended ? ", stream ended" : "");
                return null;
            });
            return true;
        } catch (IngestException e) {
            if (e.kind() == ProblemKind.VOD_NOT_FOUND
                    && System.nanoTime() - event.sinceNanos() < config.kafka().unknownVodGrace().toNanos()) {
                return false;
            }
            reports.refusedChat(push.vodId(), e, event.position());
            return true;
        }
    }

    private CompletionStage<Void> waitFor(Waiting event) {
        int max = config.kafka().maxWaitingChatEvents();
        if (waitingCount.get() >= max) {
            reports.refusedChat(event.push().vodId(), new IngestException(ProblemKind.VOD_NOT_FOUND, "VOD "
                    + event.push().vodId() + " is not registered, and " + max + " chat events already wait for their VODs' "
                    + "registrations (ingest.kafka.max-waiting-chat-events)"), event.position());
            return event.message().ack();
        }
        waiting.computeIfAbsent(event.push().vodId(), k -> new ArrayDeque<>()).add(event);
        waitingCount.incrementAndGet();
        return CompletableFuture.completedFuture(null); // acknowledged once served or refused
    }

    private void retryWaiting() {
        for (Iterator<Deque<Waiting>> vods = waiting.values().iterator(); vods.hasNext() && running; ) {
            Deque<Waiting> events = vods.next();
            while (!events.isEmpty()) {
                Waiting event = events.peek();
                try {
                    if (!serve(event)) {
                        break; // its VOD is still unknown: the VOD's later events stay behind it
                    }
                    event.message().ack();
                } catch (UntilAvailable.StoppedException e) {
                    return;
                } catch (RuntimeException e) {
                    event.message().nack(e);
                }
                events.poll();
                waitingCount.decrementAndGet();
            }
            if (events.isEmpty()) {
                vods.remove();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<byte[], byte[]> record(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<byte[], byte[]>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("a chat-events message without its Kafka record"));
    }
}
