package dev.highlights.worker.loop;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.schemas.status.MalformedRecords;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.status.SegmentStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment work loop both GPU workers run: consume {@code media-segments}, analyse up to
 * {@code concurrency} segments at once, publish their per-second records and status, and commit a
 * work item only after everything it produced is acknowledged (at-least-once; outputs are
 * deterministic, so a redelivered segment repeats identical records). A broken file or a record
 * that cannot be read becomes a status event and the loop goes on: no partition is ever blocked.
 *
 * <p>Backpressure: the consumer fetches at most {@code concurrency} records per poll and pauses its
 * partitions while that many segments are in flight, but keeps polling so it stays in the group.
 */
public final class SegmentWorker<R extends SpecificRecord> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWorker.class);

    private final SegmentAnalyzer<R> analyzer;
    private final SegmentWorkerConfig config;
    private final WorkerMetrics metrics;
    private final Map<String, Object> kafkaConfig;
    private final ExecutorService segments;
    private final Thread loop;
    private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
    private volatile boolean running = true;
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
        loop.start();
    }

    /** True while the loop runs; for the readiness check. */
    public boolean isRunning() {
        return running && loop.isAlive();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, MediaSegment> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            loop.join(config.shutdownTimeout().toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        segments.shutdownNow();
    }

    private void run() {
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
                pollOnce(c);
                commitFinished(c, pending.keySet());
                if (metrics.inFlight() >= config.concurrency()) {
                    c.pause(c.assignment());
                } else if (!c.paused().isEmpty()) {
                    c.resume(c.paused());
                }
            }
            finish(c, new ArrayList<>(pending.keySet()));
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("{} work loop stopped: {}", analyzer.stage(), e.toString(), e);
        } finally {
            running = false;
        }
    }

    private void pollOnce(KafkaConsumer<String, MediaSegment> c) {
        try {
            for (ConsumerRecord<String, MediaSegment> record : c.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                MediaSegment segment = record.value();
                Future<?> done = segment == null ? CompletableFuture.completedFuture(null) // tombstone: nothing to do
                        : segments.submit(() -> process(segment));
                pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(new Pending(record.offset(), done));
            }
        } catch (RecordDeserializationException e) {
            // Report the unreadable work item, then skip it; the next poll goes on after it.
            metrics.malformedRecord();
            TopicPartition tp = e.topicPartition();
            byte[] key = e.keyBuffer() == null ? null : toBytes(e.keyBuffer());
            PipelineStatus status = MalformedRecords.status(analyzer.stage(), tp.topic(), tp.partition(), e.offset(), key,
                    e, System.currentTimeMillis());
            LOG.warn("{}", status.getMessage());
            Future<?> sent = producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), status.getVodId(), status));
            pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(new Pending(e.offset(), sent));
            c.seek(tp, e.offset() + 1);
        }
    }

    /** Analyses one segment and publishes everything it produces; never throws. */
    private void process(MediaSegment segment) {
        long started = System.nanoTime();
        metrics.segmentStarted();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long[] emitted = {0};
        long[] last = {-1};
        String outcome = "completed";
        try {
            sends.add(sendStatus(SegmentStatus.started(analyzer.stage(), segment, now())));
            analyzer.analyze(segment, record -> {
                sends.add(producer.send(new ProducerRecord<>(analyzer.outputTopic(), segment.getVodId(), record)));
                last[0] = analyzer.secondOf(record);
                if (++emitted[0] % config.progressEvery() == 0) {
                    sends.add(sendStatus(SegmentStatus.progress(analyzer.stage(), segment, last[0], now())));
                }
            });
            sends.add(sendStatus(SegmentStatus.completed(analyzer.stage(), segment, last[0] < 0 ? null : last[0],
                    emitted[0], now())));
        } catch (MediaDecodeException e) {
            outcome = e.isModalityAbsent() ? "absent" : "error";
            LOG.warn("{} segment {}: {}", analyzer.stage(), segment.getSegmentId(), e.getMessage());
            sends.add(sendStatus(SegmentStatus.failed(analyzer.stage(), segment, e, now())));
        } catch (RuntimeException e) {
            outcome = "error";
            LOG.error("{} segment {} failed", analyzer.stage(), segment.getSegmentId(), e);
            sends.add(sendStatus(SegmentStatus.error(analyzer.stage(), segment, "WORKER_FAILED",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), now())));
        } finally {
            awaitAll(sends);
            metrics.segmentFinished(outcome, emitted[0], Duration.ofNanos(System.nanoTime() - started));
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
                if (!succeeded(last)) {
                    // Publishing failed (broker trouble): go back and take the item again.
                    queue.clear();
                    c.seek(tp, last.offset());
                    last = null;
                    break;
                }
            }
            if (last != null) {
                commits.put(tp, new OffsetAndMetadata(last.offset() + 1));
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
        try {
            item.done().get();
            return true;
        } catch (ExecutionException e) {
            LOG.warn("Work item at offset {} will be retried: {}", item.offset(), e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
            if (last != null) {
                commits.put(tp, new OffsetAndMetadata(last.offset() + 1));
            }
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
            // nothing to restore: committed offsets say where to start
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.concurrency());
        return props;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
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
