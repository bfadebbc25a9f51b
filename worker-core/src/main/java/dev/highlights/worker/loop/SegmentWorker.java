package dev.highlights.worker.loop;

import dev.highlights.avro.MediaPart;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.media.LocationRefusedException;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SchemaRegistryException;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.schemas.status.MalformedRecords;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.status.SegmentStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment work loop both GPU workers run: consume {@code media-segments}, analyse up to
 * {@code concurrency} segments at once, publish their per-second records (one record per run of
 * seconds the analyzer hands over together) and status, and commit a work item only after everything
 * it produced is acknowledged (at-least-once; outputs are deterministic, so a redelivered segment
 * repeats identical seconds). A broken file or a record
 * that cannot be read becomes a status event and the loop goes on: no partition is ever blocked.
 *
 * <p>Backpressure: the consumer fetches at most {@code concurrency} records per poll and pauses its
 * partitions while that many segments are in flight, but keeps polling so it stays in the group.
 *
 * <p>Shutdown ({@link #close()}): the loop stops taking work, lets in-flight segments finish within
 * {@code shutdownTimeout} and commits what finished; the rest are interrupted and abandoned: neither
 * committed nor reported as errors (a decoder interrupted by the shutdown throws
 * {@link MediaDecodeException.Reason#INTERRUPTED}), so the next worker of the group takes them again.
 */
public final class SegmentWorker<R extends SpecificRecord> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWorker.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(100);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration AUTHENTICATION_RETRY = Duration.ofSeconds(2);

    private final SegmentAnalyzer<R> analyzer;
    private final SegmentWorkerConfig config;
    private final WorkerMetrics metrics;
    private final Map<String, Object> kafkaConfig;
    private final ExecutorService segments;
    private final Thread loop;
    private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
    private final WorkItemAttempts attempts = new WorkItemAttempts();
    private volatile boolean running = true;
    /** The current wait before reading a work item again while the schema registry does not answer (0: none). */
    private long registryWaitMs;
    private volatile boolean started;
    private volatile boolean closeRequested;
    /** In the group: partitions assigned (possibly none) since the last join, not lost since. */
    private volatile boolean joined;
    /** The consumer holds at least one broker connection (sampled by the loop about once a second). */
    private volatile boolean brokerConnected;
    private volatile Throwable failure;
    private volatile String authenticationFailure;
    private long nextConnectionCheck;
    private volatile KafkaConsumer<String, MediaSegment> consumer;
    private KafkaProducer<String, SpecificRecord> producer;

    /** A work item taken from a partition, done when its future is. */
    private record Pending(long offset, Future<?> done) {
    }

    /**
     * @param kafkaConfig Kafka client properties shared by the consumer and producer (bootstrap.servers,
     *                    group.id, security settings, schema.registry.url, ...); the loop sets what
     *                    its guarantees depend on (manual commits, idempotent producer, acks=all)
     */
    public SegmentWorker(SegmentAnalyzer<R> analyzer, Map<String, Object> kafkaConfig, SegmentWorkerConfig config,
                         WorkerMetrics metrics) {
        this.analyzer = analyzer;
        this.config = config;
        this.metrics = metrics;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        AtomicInteger threads = new AtomicInteger();
        String name = analyzer.stage().name().toLowerCase();
        this.segments = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, name + "-segment-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, name + "-work-loop");
    }

    public void start() {
        started = true;
        loop.start();
    }

    /** True while the loop runs. */
    public boolean isRunning() {
        return running && loop.isAlive();
    }

    /**
     * True while the loop runs, is a member of the consumer group (its partitions assigned, possibly
     * none) and holds a connection to the brokers: what a readiness check reports.
     */
    public boolean isConnected() {
        return isRunning() && joined && brokerConnected && authenticationFailure == null;
    }

    /** Why the brokers refused the loop's last poll (authentication), or null. */
    public String authenticationFailure() {
        return authenticationFailure;
    }

    /** True when the loop was started and its thread ended without {@link #close()}: what a liveness check reports. */
    public boolean hasFailed() {
        return started && !closeRequested && !loop.isAlive();
    }

    /** What stopped the loop when {@link #hasFailed()}, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Stops taking work, waits up to {@code shutdownTimeout} for in-flight segments, commits the
     * finished ones and abandons the others uncommitted (they are redelivered). Returns once the
     * loop has closed its clients.
     */
    @Override
    public void close() {
        closeRequested = true;
        running = false; // the loop polls at most IDLE_POLL at a time, so no wakeup() is needed
        try {
            if (loop.isAlive()) {
                loop.join(config.shutdownTimeout().toMillis() + 30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        segments.shutdownNow();
    }

    private void run() {
        try {
            runClients();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("{} work loop stopped: {}", analyzer.stage(), e.toString(), e);
        } finally {
            running = false;
            joined = false;
            brokerConnected = false;
        }
    }

    private void runClients() {
        SpecificAvroDeserializer<MediaSegment> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(kafkaConfig, false);
        deserializer.withReaderClass(MediaSegment.class);
        try (KafkaConsumer<String, MediaSegment> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer);
             KafkaProducer<String, SpecificRecord> p = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                     new AvroSerializer<>(kafkaConfig, false))) {
            consumer = c;
            producer = p;
            c.subscribe(List.of(Topics.MEDIA_SEGMENTS.name()), new Rebalance());
            while (running) {
                try {
                    pollOnce(c);
                    authenticationFailure = null;
                } catch (AuthenticationException e) {
                    // Refused credentials (rotated, revoked) are not the loop's end: stay unready and try again, so
                    // the worker recovers on its own once the broker accepts them, as at start-up.
                    authenticationFailure = e.toString();
                    LOG.warn("{} worker: the brokers refuse its credentials, trying again in {} ms: {}",
                            analyzer.stage(), AUTHENTICATION_RETRY.toMillis(), e.toString());
                    sleepWhileRunning(AUTHENTICATION_RETRY.toMillis());
                }
                commitFinished(c, pending.keySet());
                if (unfinished() >= config.concurrency()) {
                    c.pause(c.assignment());
                } else if (!c.paused().isEmpty()) {
                    c.resume(c.paused());
                }
                checkConnection(c);
            }
            finish(c, new ArrayList<>(pending.keySet()));
            abandonInFlight();
        } catch (WakeupException stopping) {
            // not expected: nobody calls wakeup()
        }
    }

    /** Interrupts the segments still running after the final commit; they end without publishing a status. */
    private void abandonInFlight() {
        segments.shutdownNow();
        try {
            if (!segments.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} segments still running after the interrupt; their results are not committed",
                        analyzer.stage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the consumer's broker connections about once a second (on the loop thread: the consumer is not thread-safe). */
    private void checkConnection(KafkaConsumer<String, MediaSegment> c) {
        long now = System.nanoTime();
        if (now - nextConnectionCheck < 0) {
            return;
        }
        nextConnectionCheck = now + 1_000_000_000L;
        double connections = 0;
        for (var e : c.metrics().entrySet()) {
            if (e.getKey().name().equals("connection-count") && e.getKey().group().equals("consumer-metrics")
                    && e.getValue().metricValue() instanceof Number n) {
                connections += n.doubleValue();
            }
        }
        brokerConnected = connections > 0;
    }

    /**
     * Short polls while segments are in flight (a freed slot resumes fetching, finished work is committed, promptly);
     * longer ones when idle, where the loop only waits: poll returns as soon as a work item arrives, so this adds no
     * latency and cuts the idle loop's CPU (10 wake-ups a second otherwise).
     */
    private Duration pollTimeout() {
        boolean idle = pending.values().stream().allMatch(ArrayDeque::isEmpty);
        return idle ? IDLE_POLL : BUSY_POLL;
    }

    private void pollOnce(KafkaConsumer<String, MediaSegment> c) {
        try {
            List<FutureTask<Void>> toStart = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> markers = new HashMap<>();
            Set<TopicPartition> rewound = new HashSet<>();
            int free = config.concurrency() - unfinished();
            for (ConsumerRecord<String, MediaSegment> record : c.poll(pollTimeout())) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (rewound.contains(tp)) {
                    continue;
                }
                if (free <= 0) {
                    // No slot: take it at a later poll. Only items that run are counted as started, so an item that
                    // crashes the worker does not count against the ones that waited behind it.
                    c.seek(tp, record.offset());
                    rewound.add(tp);
                    continue;
                }
                free--;
                ArrayDeque<Pending> queue = pending.computeIfAbsent(tp, k -> new ArrayDeque<>());
                MediaSegment segment = record.value();
                if (segment == null) { // tombstone: nothing to do
                    queue.add(new Pending(record.offset(), CompletableFuture.completedFuture(null)));
                    continue;
                }
                int attempt = attempts.begin(tp, record.offset());
                if (attempt > config.maxAttempts()) {
                    queue.add(new Pending(record.offset(), segments.submit(() -> giveUp(segment, attempt - 1))));
                    continue;
                }
                // Counted where the group starts again if this worker dies: at the oldest item not yet committed.
                long restart = queue.isEmpty() ? record.offset() : queue.peek().offset();
                markers.put(tp, attempts.commit(tp, restart));
                FutureTask<Void> task = new FutureTask<>(() -> process(segment), null);
                queue.add(new Pending(record.offset(), task));
                toStart.add(task);
            }
            commitAttempts(c, markers); // before anything starts: a crash in the analysis must find its count there
            toStart.forEach(segments::execute);
            registryWaitMs = 0;
        } catch (RecordDeserializationException e) {
            TopicPartition tp = e.topicPartition();
            if (SchemaRegistryException.registryUnavailable(e)) {
                // Not the work item's fault: read it again once the registry answers; nothing is skipped.
                registryWaitMs = registryWaitMs == 0 ? 1_000 : Math.min(30_000, registryWaitMs * 2);
                LOG.warn("{}-{}@{} cannot be read while the schema registry cannot be used (no answer, or it refuses our"
                        + " credentials); reading it again in {} ms: {}", tp.topic(), tp.partition(), e.offset(),
                        registryWaitMs, e.getCause() == null ? e.toString() : e.getCause().toString());
                c.seek(tp, e.offset());
                sleepWhileRunning(registryWaitMs);
                return;
            }
            // Report the unreadable work item, then skip it; the next poll goes on after it.
            metrics.malformedRecord();
            byte[] key = e.keyBuffer() == null ? null : toBytes(e.keyBuffer());
            PipelineStatus status = MalformedRecords.status(analyzer.stage(), tp.topic(), tp.partition(), e.offset(), key,
                    e, System.currentTimeMillis());
            LOG.warn("{}", status.getMessage());
            Future<?> sent = producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status));
            pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(new Pending(e.offset(), sent));
            c.seek(tp, e.offset() + 1);
        }
    }

    /** Commits the attempt counts of the items about to start; a failed commit only delays giving up on a crash. */
    private void commitAttempts(KafkaConsumer<String, MediaSegment> c, Map<TopicPartition, OffsetAndMetadata> markers) {
        if (markers.isEmpty()) {
            return;
        }
        try {
            c.commitSync(markers);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the attempts of {}: {}", markers.keySet(), e.toString());
        }
    }

    /** Reports a work item that ended its attempts abnormally too often, instead of starting it again. */
    private void giveUp(MediaSegment segment, int attempts) {
        metrics.error("attempts");
        LOG.error("{} segment {} ended abnormally {} times (worker crash, out of memory, fatal error); reported and skipped",
                analyzer.stage(), segment.getSegmentId(), attempts);
        awaitAll(List.of(sendStatus(SegmentStatus.error(analyzer.stage(), segment, "SEGMENT_ATTEMPTS_EXHAUSTED",
                "given up after " + attempts + " attempts that ended abnormally (worker crash, out of memory, fatal"
                        + " error); the VOD completes without this segment's " + analyzer.stage().name().toLowerCase()
                        + " seconds", now()))));
    }

    /** Work items taken and not finished: what occupies the {@code concurrency} slots. */
    private int unfinished() {
        int n = 0;
        for (ArrayDeque<Pending> queue : pending.values()) {
            for (Pending item : queue) {
                n += item.done().isDone() ? 0 : 1;
            }
        }
        return n;
    }

    private void sleepWhileRunning(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (running && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Refuses a work item that points where the media policy does not allow, before anything is opened: its media, or
     * every segment of a live work item.
     */
    private void checkLocation(MediaSegment segment) throws MediaDecodeException {
        if (segment.getParts() == null || segment.getParts().isEmpty()) {
            checkLocation(segment.getMediaUri());
            return;
        }
        for (MediaPart part : segment.getParts()) {
            checkLocation(part.getUri());
            if (part.getInitUri() != null) {
                checkLocation(part.getInitUri());
            }
        }
    }

    private void checkLocation(String uri) throws MediaDecodeException {
        try {
            config.media().check(uri, "media");
        } catch (LocationRefusedException e) {
            MediaDecodeException.Reason reason = switch (e.kind()) {
                case NOT_FOUND -> MediaDecodeException.Reason.NOT_FOUND;
                case UNREADABLE -> MediaDecodeException.Reason.UNREADABLE;
                default -> MediaDecodeException.Reason.LOCATION_FORBIDDEN;
            };
            throw new MediaDecodeException(reason, uri, e.getMessage());
        }
    }

    /**
     * Analyses one segment and publishes everything it produces. Throws (so the work item is not
     * committed) only when publishing failed or the segment was abandoned by a shutdown.
     */
    private void process(MediaSegment segment) {
        long started = System.nanoTime();
        metrics.segmentStarted();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long[] emitted = {0};
        long[] last = {-1};
        String outcome = "completed";
        Exception abandoned = null;
        try {
            sends.add(sendStatus(SegmentStatus.started(analyzer.stage(), segment, now())));
            checkLocation(segment);
            analyzer.analyze(segment, run -> {
                if (run.isEmpty()) {
                    return;
                }
                sends.add(producer.send(new ProducerRecord<>(analyzer.outputTopic(), segment.getVodId(),
                        analyzer.batchOf(segment, run))));
                last[0] = analyzer.secondOf(run.get(run.size() - 1));
                long before = emitted[0];
                emitted[0] += run.size();
                if (emitted[0] / config.progressEvery() > before / config.progressEvery()) {
                    sends.add(sendStatus(SegmentStatus.progress(analyzer.stage(), segment, last[0], now())));
                }
            });
            sends.add(sendStatus(SegmentStatus.completed(analyzer.stage(), segment, last[0] < 0 ? null : last[0],
                    emitted[0], now())));
        } catch (MediaDecodeException e) {
            if (e.reason() == MediaDecodeException.Reason.INTERRUPTED) {
                // Shutdown, not the media's fault: no status, no commit; the next worker takes it again.
                outcome = "abandoned";
                abandoned = e;
            } else {
                outcome = e.isModalityAbsent() ? "absent" : "error";
                LOG.warn("{} segment {}: {}", analyzer.stage(), segment.getSegmentId(), e.getMessage());
                if (!e.isModalityAbsent()) {
                    metrics.error(e.reason() == MediaDecodeException.Reason.LOCATION_FORBIDDEN ? "location" : "media");
                }
                sends.add(sendStatus(SegmentStatus.failed(analyzer.stage(), segment, e, now())));
            }
        } catch (RuntimeException e) {
            if (!running) {
                // Failing because of the shutdown (interrupted run, closed producer): abandon it.
                outcome = "abandoned";
                abandoned = e;
            } else {
                outcome = "error";
                LOG.error("{} segment {} failed", analyzer.stage(), segment.getSegmentId(), e);
                metrics.error("worker");
                sends.add(sendStatus(SegmentStatus.error(analyzer.stage(), segment, "WORKER_FAILED",
                        e.getClass().getSimpleName() + ": " + e.getMessage(), now())));
            }
        } catch (Error e) {
            // Counted against the item (see WorkItemAttempts): it is taken again until its attempts are spent.
            outcome = "error";
            LOG.error("{} segment {} ended with a fatal error", analyzer.stage(), segment.getSegmentId(), e);
            metrics.error("worker");
            throw e;
        } finally {
            try {
                if (abandoned == null) {
                    awaitAll(sends);
                }
            } finally {
                metrics.segmentFinished(outcome, emitted[0], Duration.ofNanos(System.nanoTime() - started));
            }
        }
        if (abandoned != null) {
            LOG.info("{} segment {} abandoned by the shutdown; it will be redelivered: {}", analyzer.stage(),
                    segment.getSegmentId(), abandoned.toString());
            throw new IllegalStateException("segment " + segment.getSegmentId() + " abandoned", abandoned);
        }
    }

    private Future<RecordMetadata> sendStatus(PipelineStatus status) {
        return producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status));
    }

    /** Waits until the broker has every record; a failed send fails the segment so it is redelivered. */
    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not publish a record: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing", e);
            }
        }
    }

    /** Commits, per partition, the offset after the longest run of finished work items. */
    private void commitFinished(KafkaConsumer<String, MediaSegment> c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ArrayDeque<Pending> queue = pending.get(tp);
            Pending last = null;
            while (queue != null && !queue.isEmpty() && queue.peek().done().isDone()) {
                last = queue.poll();
                Throwable failure = failure(last);
                if (failure != null) {
                    // Publishing failed (broker trouble), or a fatal error: go back and take the items again. Only an
                    // Error counts against the item; the others are read again through no fault of theirs.
                    if (!(failure instanceof Error)) {
                        attempts.forgive(tp, last.offset());
                    }
                    queue.forEach(later -> attempts.forgive(tp, later.offset()));
                    queue.clear();
                    c.seek(tp, last.offset());
                    last = null;
                    break;
                }
            }
            if (last != null) {
                commits.put(tp, attempts.commit(tp, last.offset() + 1));
            }
        }
        if (!commits.isEmpty()) {
            c.commitAsync(commits, (offsets, error) -> {
                if (error != null) {
                    LOG.warn("Commit of {} failed (the items will be redelivered): {}", offsets, error.toString());
                }
            });
        }
    }

    private static boolean succeeded(Pending item) {
        return failure(item) == null;
    }

    /** Why a finished work item failed, or null when it succeeded. */
    private static Throwable failure(Pending item) {
        try {
            item.done().get();
            return null;
        } catch (ExecutionException e) {
            LOG.warn("Work item at offset {} will be retried: {}", item.offset(), e.getCause().toString());
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Lets in-flight items of these partitions finish (within the shutdown timeout) and commits them. */
    private void finish(KafkaConsumer<String, MediaSegment> c, Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        for (TopicPartition tp : partitions) {
            for (Pending item : pending.getOrDefault(tp, new ArrayDeque<>())) {
                try {
                    item.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    break; // not finished: it will be redelivered to whoever takes the partition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ArrayDeque<Pending> queue = pending.remove(tp);
            Pending last = null;
            while (queue != null && !queue.isEmpty() && queue.peek().done().isDone() && succeeded(queue.peek())) {
                last = queue.poll();
            }
            // What is left was abandoned by the shutdown or the rebalance: not the items' fault.
            if (queue != null) {
                queue.forEach(item -> attempts.forgive(tp, item.offset()));
            }
            if (last != null) {
                commits.put(tp, attempts.commit(tp, last.offset() + 1));
            } else if (queue != null && !queue.isEmpty()) {
                commits.put(tp, attempts.commit(tp, queue.peek().offset()));
            }
            attempts.forget(tp);
        }
        if (!commits.isEmpty()) {
            try {
                c.commitSync(commits);
            } catch (RuntimeException e) {
                LOG.warn("Final commit failed (the items will be redelivered): {}", e.toString());
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            finish(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Committed offsets say where to start; their metadata how often the items there were started.
            try {
                consumer.committed(new java.util.HashSet<>(partitions)).forEach(attempts::restore);
            } catch (RuntimeException e) {
                LOG.warn("Could not read the attempt counts of {}: {}", partitions, e.toString());
            }
            joined = true;
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Out of the group (session expired): the partitions may already be someone else's.
            joined = false;
            for (TopicPartition tp : partitions) {
                pending.remove(tp);
                attempts.forget(tp);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.concurrency());
        // Named after the group, so a broker's logs and quotas tell this worker's clients apart.
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG) + "-consumer");
        return props;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG) + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        return props;
    }

    private static byte[] toBytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
