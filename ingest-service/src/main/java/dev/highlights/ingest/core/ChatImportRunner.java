package dev.highlights.ingest.core;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.chatimport.ChatImportException;
import dev.highlights.chatimport.ChatImportOptions;
import dev.highlights.chatimport.ChatImportResult;
import dev.highlights.chatimport.ChatImporter;
import dev.highlights.chatimport.ChatMessages;
import dev.highlights.ingest.media.LimitedInputStream;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs chat imports ({@code ingest.chat.import-threads} at once): the streaming importer hands each message to the
 * producer (keyed by VOD id, so one VOD's chat stays in order), then the END_OF_CHAT marker follows, then the outcome
 * goes on pipeline-status (stage INGEST): STARTED, COMPLETED with the count, a WARNING with the malformed entries, or
 * an ERROR with the reason. A failed import still ends with an END_OF_CHAT marker over what was sent, so the rest of
 * the pipeline finishes; the ERROR says why it is short.
 *
 * <p>Imports come from {@code ChatImportIntake}, which reads them off the {@code vods} topic and acknowledges one only
 * when it ended here. An import the service's shutdown cuts short reports nothing: it is read again and redone from
 * the start by whichever replica takes it next (chat-service drops the messages it already counted).
 */
@ApplicationScoped
public class ChatImportRunner {
    private static final Logger LOG = Logger.getLogger(ChatImportRunner.class);

    @Inject
    IngestPublisher publisher;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    private ExecutorService executor;
    /** Stops an import that outlives {@code ingest.chat.import-timeout} (a server trickling bytes, a huge file). */
    private ScheduledExecutorService watchdog;
    /** VODs whose import is queued or running here. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private Semaphore slots;
    private volatile boolean stopping;
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    /** Each running import's input, which the deadline closes: closing unblocks a stalled read, interrupting does not. */
    private final Map<String, InputStream> inputs = new ConcurrentHashMap<>();
    private Counter messages;
    private Counter malformed;
    private Timer duration;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        slots = new Semaphore(Math.max(1, config.chat().importThreads()));
        executor = Executors.newFixedThreadPool(Math.max(1, config.chat().importThreads()), r -> {
            Thread t = new Thread(r, "chat-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-import-deadline");
            t.setDaemon(true);
            return t;
        });
        messages = Counter.builder("ingest.chat.imported.messages").description("chat messages imported from files")
                .register(registry);
        malformed = Counter.builder("ingest.chat.imported.malformed").description("chat entries skipped as malformed")
                .register(registry);
        duration = Timer.builder("ingest.chat.import.duration").description("time per chat import").register(registry);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        watchdog.shutdownNow();
        inputs.values().forEach(ChatImportRunner::closeQuietly); // unblocks reads; the imports end unreported
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a free import thread, then queues the import.
     *
     * @param ended called once the import ended and its outcome was reported (not when the shutdown cut it short)
     * @return false when an import of this VOD is already queued or running here (nothing queued, {@code ended} not
     *         called)
     * @throws InterruptedException the wait was interrupted (the service stops)
     */
    public boolean submit(String vodId, ChatSource source, ChatImportOptions options, Runnable ended)
            throws InterruptedException {
        if (!running.add(vodId)) {
            return false;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            running.remove(vodId);
            throw e;
        }
        try {
            Future<?> ignored = executor.submit(() -> {
                Thread.interrupted(); // a deadline that fired as the previous import ended must not hit this one
                Thread worker = Thread.currentThread();
                ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                    timedOut.add(vodId);
                    InputStream in = inputs.get(vodId);
                    if (in != null) {
                        closeQuietly(in);
                    } else {
                        worker.interrupt(); // still connecting
                    }
                }, config.chat().importTimeout().toMillis(), TimeUnit.MILLISECONDS);
                boolean reported = false;
                try {
                    reported = duration.record(() -> run(vodId, source, options));
                } finally {
                    deadline.cancel(false);
                    timedOut.remove(vodId);
                    inputs.remove(vodId);
                    Thread.interrupted();
                    running.remove(vodId);
                    slots.release();
                }
                if (reported) {
                    ended.run();
                }
            });
        } catch (RuntimeException e) {
            running.remove(vodId);
            slots.release();
            throw e;
        }
        return true;
    }

    /** Imports on the calling thread; true once the outcome was reported, false when the shutdown cut it short. */
    boolean run(String vodId, ChatSource source, ChatImportOptions options) {
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        double[] lastOffset = {0};
        try {
            status(IngestStatus.chatStarted(vodId, source.uri(), now()));
            ChatImportResult result;
            try (InputStream in = source.open()) {
                inputs.put(vodId, in);
                result = ChatImporter.importChat(in, options, (ChatMessage m) -> {
                    lastOffset[0] = Math.max(lastOffset[0], m.getOffsetSec());
                    publisher.send(new IngestPublisher.Out(Topics.CHAT_MESSAGES, vodId, m), (meta, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, error);
                        }
                    });
                    sent.incrementAndGet();
                });
            }
            if (stopping) {
                return false; // the input was closed by the shutdown: what was read is not the whole export
            }
            if (stoppedByDeadline(vodId, sent.get(), lastOffset[0])) {
                return true; // what was read before the deadline closed the input is not a complete import
            }
            publisher.flush();
            if (failed.get() > 0) {
                fail(vodId, "CHAT_PUBLISH_FAILED", failed.get() + " of " + sent.get()
                        + " chat messages could not be written to Kafka (" + firstFailure.get().getMessage()
                        + "); register the VOD again under a new id or re-run the import", sent.get(), lastOffset[0]);
                return true;
            }
            messages.increment(result.messages());
            malformed.increment(result.malformed());
            List<IngestPublisher.Out> out = new java.util.ArrayList<>();
            out.add(new IngestPublisher.Out(Topics.CHAT_MESSAGES, vodId, result.endOfChat(vodId)));
            out.add(new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId, IngestStatus.chatCompleted(vodId, result, now())));
            if (result.malformed() > 0) {
                out.add(new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId, IngestStatus.chatMalformed(vodId, result, now())));
            }
            publisher.publish(out);
            LOG.infof("Chat of %s imported from %s: %s", vodId, source.uri(), result.summary());
            return true;
        } catch (ChatImportException e) {
            if (stopping) {
                return false;
            }
            if (stoppedByDeadline(vodId, sent.get(), lastOffset[0])) {
                return true;
            }
            String code = switch (e.reason()) {
                case UNKNOWN_FORMAT -> "CHAT_FORMAT_UNKNOWN";
                case MISSING_STREAM_START -> "CHAT_STREAM_START_MISSING";
                case CORRUPT_INPUT -> "CHAT_CORRUPT_INPUT";
                default -> "CHAT_IMPORT_FAILED";
            };
            fail(vodId, code, e.getMessage(), sent.get(), lastOffset[0]);
            return true;
        } catch (LimitedInputStream.LimitExceededException e) {
            fail(vodId, "CHAT_TOO_LARGE", "the chat export is larger than " + e.limit()
                    + " bytes (ingest.http.max-chat-size); the import stopped after " + sent.get() + " messages",
                    sent.get(), lastOffset[0]);
            return true;
        } catch (IngestException e) {
            fail(vodId, e.errorCode(), e.getMessage(), sent.get(), lastOffset[0]);
            return true;
        } catch (IOException | RuntimeException e) {
            if (stopping) {
                return false;
            }
            if (stoppedByDeadline(vodId, sent.get(), lastOffset[0])) {
                return true;
            }
            LOG.warnf(e, "Chat import of %s from %s failed", vodId, source.uri());
            fail(vodId, "CHAT_IMPORT_FAILED", "reading " + source.uri() + " failed after " + sent.get() + " messages: "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), sent.get(), lastOffset[0]);
            return true;
        }
    }

    /** Reports an import that cannot start (its location is refused now, its server does not answer). */
    public void reportUnrunnable(String vodId, IngestException e) {
        fail(vodId, e.errorCode(), e.getMessage(), 0, 0);
    }

    /** Reports an import the deadline interrupted (and clears the interrupt, so the report can be written). */
    private boolean stoppedByDeadline(String vodId, long sent, double lastOffset) {
        if (!timedOut.contains(vodId)) {
            return false;
        }
        Thread.interrupted();
        fail(vodId, "CHAT_IMPORT_TIMEOUT", "the chat import took longer than " + config.chat().importTimeout()
                + " (ingest.chat.import-timeout) and stopped after " + sent + " messages", sent, lastOffset);
        return true;
    }

    private void fail(String vodId, String code, String message, long sent, double lastOffset) {
        LOG.warnf("Chat import of %s failed (%s): %s", vodId, code, message);
        try {
            publisher.flush();
            publisher.publish(List.of(
                    new IngestPublisher.Out(Topics.CHAT_MESSAGES, vodId, ChatMessages.endOfChat(vodId, lastOffset, sent)),
                    new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId,
                            IngestStatus.chatFailed(vodId, code, message, sent, now()))));
        } catch (RuntimeException e) {
            LOG.errorf("Could not report the failed chat import of %s: %s", vodId, e.getMessage());
        }
    }

    private void status(PipelineStatus s) {
        publisher.publish(List.of(new IngestPublisher.Out(Topics.PIPELINE_STATUS, s.getVodId(), s)));
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the import notices on its next read
        }
    }
}
