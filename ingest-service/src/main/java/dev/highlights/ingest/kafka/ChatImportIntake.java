package dev.highlights.ingest.kafka;

import dev.highlights.avro.VodRegistered;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.chatimport.ChatFormat;
import dev.highlights.chatimport.ChatImportOptions;
import dev.highlights.ingest.core.ChatImportRunner;
import dev.highlights.ingest.core.ChatSource;
import dev.highlights.ingest.core.ChatSources;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.live.LiveChatReader;
import dev.highlights.ingest.live.LiveHlsFollower;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.views.Issue;
import dev.highlights.ingest.views.StageProgress;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.ingest.views.VodProgress;
import dev.highlights.schemas.serde.AvroDeserializationException;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The {@code chat-imports} channel: reads registrations off the {@code vods} topic, imports the chat of each VOD
 * that has a {@code chatUri}, and follows each live one's media playlist ({@link LiveHlsFollower}) and chat channel
 * ({@link LiveChatReader}). The
 * registration record is the durable job: it is acknowledged (its offset may be committed) only once the import ended
 * and reported, or the live media ended, so a job that a crash or a restart cuts short is read again, by exactly one
 * replica (the group shares the partitions): an import is redone, a live follow goes on where it stood. One that already ended, as the views
 * say, is not redone; nor are registrations older than the views keep progress for ({@code ingest.views.retention}).
 * When every import thread is busy the channel waits, and the registrations wait in Kafka, not in memory.
 */
@ApplicationScoped
public class ChatImportIntake {
    private static final Logger LOG = Logger.getLogger(ChatImportIntake.class);

    @Inject
    ChatImportRunner runner;

    @Inject
    ChatSources sources;

    @Inject
    LiveHlsFollower live;

    @Inject
    LiveChatReader liveChat;

    @Inject
    ViewStores views;

    @Inject
    IngestConfig config;

    @ConfigProperty(name = "schema.registry.url")
    String registryUrl;

    @Inject
    Config settings;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-chat-imports");
        t.setDaemon(true);
        return t;
    });
    private SpecificAvroDeserializer<VodRegistered> deserializer;
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(ConsumerSerdeSettings.of(settings, registryUrl), false);
        deserializer.withReaderClass(VodRegistered.class);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        thread.shutdownNow();
    }

    /** Completes once the import is queued (or found not needed); the acknowledgement follows when it ended. */
    @Incoming("chat-imports")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        return CompletableFuture.supplyAsync(() -> take(message), thread).thenCompose(queued -> queued);
    }

    private CompletionStage<Void> take(Message<byte[]> message) {
        ConsumerRecord<?, ?> r = message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getRecord())
                .orElseThrow(() -> new IllegalStateException("a chat-imports message without its Kafka record"));
        String position = FrontDoorReports.position(r);
        try {
            VodRegistered vod = message.getPayload() == null ? null
                    : UntilAvailable.serve(position, () -> running, () -> read(r.topic(), message.getPayload()));
            if (vod != null && vod.getLive()) {
                if (UntilAvailable.serve(position, () -> running, () -> tooOld(vod))) {
                    return message.ack();
                }
                // Two jobs, its media and its chat channel: acknowledged once both ended. One that runs here already
                // (a repeat of the registration) acknowledges its own delivery.
                AtomicInteger left = new AtomicInteger(2);
                Runnable ended = () -> {
                    if (left.decrementAndGet() == 0) {
                        message.ack();
                    }
                };
                if (!UntilAvailable.serve(position, () -> running, () -> live.follow(vod, ended))) {
                    ended.run();
                }
                if (!UntilAvailable.serve(position, () -> running, () -> liveChat.read(vod, ended))) {
                    ended.run();
                }
                return CompletableFuture.completedFuture(null);
            }
            if (vod == null || vod.getChatUri() == null
                    || UntilAvailable.serve(position, () -> running, () -> ended(vod))) {
                return message.ack();
            }
            ChatSource source;
            try {
                source = sources.prepare(vod.getChatUri(), format(vod), vod.getStreamStartEpochMs());
            } catch (IngestException e) {
                runner.reportUnrunnable(vod.getVodId(), e);
                return message.ack();
            }
            ChatImportOptions options = ChatImportOptions.forVod(vod.getVodId()).withFormat(format(vod))
                    .withStreamStartEpochMs(vod.getStreamStartEpochMs())
                    .withMaxIssues(config.chat().maxIssues())
                    .withMaxEntryBytes((int) Math.min(Integer.MAX_VALUE, config.chat().maxEntrySize().asLongValue()));
            if (!runner.submit(vod.getVodId(), source, options, message::ack)) {
                return message.ack(); // a repeat of a registration whose import runs here: that one acknowledges
            }
            return CompletableFuture.completedFuture(null);
        } catch (IngestValues.MalformedValueException e) {
            LOG.warnf("%s: skipped, not a readable registration: %s", position, e.getMessage());
            return message.ack();
        } catch (UntilAvailable.StoppedException | InterruptedException e) {
            return CompletableFuture.completedFuture(null); // unacknowledged: read again after the restart
        }
    }

    private VodRegistered read(String topic, byte[] value) {
        try {
            return deserializer.deserialize(topic, value);
        } catch (AvroDeserializationException e) {
            if (e.registryUnavailable()) {
                throw new IngestValues.RegistryUnavailableException(e.getMessage(), e);
            }
            throw new IngestValues.MalformedValueException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IngestValues.MalformedValueException(e.getMessage(), e);
        }
    }

    /** A registration the views no longer remember anything of: older than their retention. */
    private boolean tooOld(VodRegistered vod) {
        return views.progress(vod.getVodId()).isEmpty()
                && System.currentTimeMillis() - vod.getRegisteredAtMs() > config.views().retention().toMillis();
    }

    /** The import ended (reported), or the registration is older than the views remember: nothing to redo. */
    private boolean ended(VodRegistered vod) {
        Optional<VodProgress> progress = views.progress(vod.getVodId());
        if (progress.isEmpty()) {
            return tooOld(vod);
        }
        StageProgress ingest = progress.get().stage("INGEST");
        return ingest.completed() || ingest.errors().stream().map(Issue::eventId).anyMatch(IngestStatus.CHAT_FAILED::equals);
    }

    private static ChatFormat format(VodRegistered vod) {
        return vod.getChatFormat() == null ? null : ChatFormat.fromName(vod.getChatFormat()).orElse(null);
    }
}
