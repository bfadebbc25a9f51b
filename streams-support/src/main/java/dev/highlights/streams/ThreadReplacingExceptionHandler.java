package dev.highlights.streams;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SchemaRegistryException;
import dev.highlights.schemas.status.MalformedRecords;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Streams app does when a stream thread dies (Kafka's default shuts the whole client down, and with it every
 * VOD): it starts a new thread, which resumes from the last commit, so nothing is lost or skipped.
 * <ul>
 *   <li>The schema registry did not answer (a record could not be read yet): wait, 1 s doubling to 30 s, then
 *       replace the thread; the record is read again. Not reported: nothing is wrong with the data.</li>
 *   <li>Anything else: an ERROR on pipeline-status ({@code <STAGE>/stream-thread-failed}), then replace the thread.
 *       A failure that comes back {@code maxFailures} times within {@code window} is not transient: the client shuts
 *       down, its health check reports it, and the orchestrator restarts the service.</li>
 * </ul>
 */
public final class ThreadReplacingExceptionHandler implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacingExceptionHandler.class);
    private static final long FIRST_WAIT_MS = 1_000;
    private static final long LONGEST_WAIT_MS = 30_000;

    private final Stage stage;
    private final Supplier<Producer<String, PipelineStatus>> producers;
    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final LongConsumer sleeper;
    private final Deque<Long> failures = new ArrayDeque<>();
    private Producer<String, PipelineStatus> producer;
    private long registryWaitMs = FIRST_WAIT_MS;
    private long lastRegistryFailureNanos;

    /**
     * The shipped behaviour for a Streams app: reports through {@link StatusProducers}; 5 failures within 10 minutes
     * shut the client down.
     *
     * @param clientConfig bootstrap servers, registry and security settings of the app
     */
    public static ThreadReplacingExceptionHandler forApp(Stage stage, Map<String, ?> clientConfig) {
        Map<String, Object> copy = Map.copyOf(clientConfig);
        return new ThreadReplacingExceptionHandler(stage, () -> StatusProducers.create(copy), 5, Duration.ofMinutes(10));
    }

    /**
     * @param producers   makes the status producer, on the first failure
     * @param maxFailures failures (other than registry outages) within {@code window} that shut the client down
     */
    public ThreadReplacingExceptionHandler(Stage stage, Supplier<Producer<String, PipelineStatus>> producers,
                                           int maxFailures, Duration window) {
        this(stage, producers, maxFailures, window, System::nanoTime, ThreadReplacingExceptionHandler::sleep);
    }

    ThreadReplacingExceptionHandler(Stage stage, Supplier<Producer<String, PipelineStatus>> producers, int maxFailures,
                                    Duration window, LongSupplier nanoTime, LongConsumer sleeper) {
        this.stage = stage;
        this.producers = producers;
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = nanoTime.getAsLong();
        if (SchemaRegistryException.registryUnavailable(exception)) {
            if (now - lastRegistryFailureNanos > 2 * LONGEST_WAIT_MS * 1_000_000L) {
                registryWaitMs = FIRST_WAIT_MS; // a new outage
            }
            lastRegistryFailureNanos = now;
            LOG.warn("{}: the schema registry cannot be used (no answer, or it refuses our credentials); the stream"
                    + " thread starts again in {} ms and reads the record again: {}", stage, registryWaitMs,
                    exception.toString());
            sleeper.accept(registryWaitMs);
            registryWaitMs = Math.min(LONGEST_WAIT_MS, registryWaitMs * 2);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > windowNanos) {
            failures.removeFirst();
        }
        boolean giveUp = failures.size() >= maxFailures;
        LOG.error("{}: a stream thread failed ({} of {} allowed within {} s); {}", stage, failures.size(), maxFailures,
                windowNanos / 1_000_000_000L, giveUp ? "shutting the client down" : "starting a new one", exception);
        report(exception, giveUp);
        return giveUp ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT : StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private void report(Throwable exception, boolean giveUp) {
        try {
            if (producer == null) {
                producer = producers.get();
            }
            PipelineStatus status = PipelineStatus.newBuilder()
                    .setEventId(stage + "/stream-thread-failed/" + System.currentTimeMillis())
                    .setVodId(MalformedRecords.UNKNOWN_VOD).setStage(stage).setKind(StatusKind.ERROR)
                    .setErrorCode("STREAM_THREAD_FAILED")
                    .setMessage("a " + stage + " stream thread failed" + (giveUp ? " again; the client shuts down" : "; a new one "
                            + "resumes from the last commit") + ": " + exception)
                    .setTimestampMs(System.currentTimeMillis()).build();
            producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status), (m, e) -> {
                if (e != null) {
                    LOG.warn("Could not report the failed stream thread: {}", e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not report the failed stream thread: {}", e.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
