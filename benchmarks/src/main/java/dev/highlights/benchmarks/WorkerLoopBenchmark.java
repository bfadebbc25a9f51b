package dev.highlights.benchmarks;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.localstack.LocalStack;
import dev.highlights.media.LocationPolicy;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.worker.loop.SegmentWorker;
import dev.highlights.worker.loop.SegmentWorkerConfig;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.testing.AudioStageAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The segment work loop both workers run ({@link SegmentWorker}), apart from decoding, on the embedded broker:
 * <ul>
 *   <li><b>loop cost</b>: work items whose analysis takes no time (30 seconds of records each, in runs of 8, as
 *   the real analyzers hand them over), from the first poll until the group committed them all: wall and CPU
 *   milliseconds per item, to set against what decoding an item costs;</li>
 *   <li><b>shutdown</b>: items whose analysis takes 3 s, closed while {@code concurrency} of them run, once with a
 *   shutdown timeout that lets them finish and once with one that does not; then a second worker of the group
 *   takes what is left. Reports how long close took, and the items analysed twice and never.</li>
 * </ul>
 * Run: {@code java -cp ... dev.highlights.benchmarks.WorkerLoopBenchmark [items] [concurrency]} (2000, 4).
 */
public final class WorkerLoopBenchmark {
    private static final int SECONDS_PER_ITEM = 30;
    private static final int VODS = 48;
    /** Where every item points: the loop checks the location before the analysis, which never opens it. */
    private static final Path MEDIA = media();

    private WorkerLoopBenchmark() {
    }

    private static Path media() {
        try {
            Path dir = Files.createTempDirectory("worker-loop-bench");
            dir.toFile().deleteOnExit();
            return Files.createFile(dir.resolve("item.mp4"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        LocalStack stack = LocalStack.shared();
        System.out.printf("worker loop, %d cores, %d items of %d s, concurrency %d%n",
                Runtime.getRuntime().availableProcessors(), items, SECONDS_PER_ITEM, concurrency);

        loopCost(stack, Math.min(200, items), concurrency); // warm-up: class loading, JIT, the group's first join
        double[] cost = loopCost(stack, items, concurrency);
        System.out.printf("loop cost: %.2f ms wall and %.2f ms CPU per item (%.0f items/s)%n", cost[0], cost[1],
                1000 / cost[0]);

        for (Duration timeout : List.of(Duration.ofSeconds(10), Duration.ofMillis(500))) {
            shutdown(stack, concurrency, timeout);
        }
        System.exit(0);
    }

    /** Wall and process CPU milliseconds per item, from the worker's start until the group committed every item. */
    private static double[] loopCost(LocalStack stack, int items, int concurrency) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "loop-" + run;
        startAtTheEnd(stack, group);
        Map<TopicPartition, Long> ends = send(stack, run, items);
        Analyzer analyzer = new Analyzer(Duration.ZERO);
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = cpu.getProcessCpuTime();
        long start = System.nanoTime();
        try (SegmentWorker<AudioScore> worker = worker(stack, analyzer, group, concurrency, Duration.ofSeconds(10))) {
            worker.start();
            awaitCommitted(stack, group, ends, Duration.ofMinutes(5));
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        double cpuMs = (cpu.getProcessCpuTime() - cpuStart) / 1e6;
        return new double[] {wallMs / items, cpuMs / items};
    }

    /** Closes a worker while its slots are busy, then lets a second worker of the group finish the items. */
    private static void shutdown(LocalStack stack, int concurrency, Duration shutdownTimeout) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int items = concurrency * 2;
        String group = "shutdown-" + run;
        startAtTheEnd(stack, group);
        Map<TopicPartition, Long> ends = send(stack, run, items);
        Analyzer first = new Analyzer(Duration.ofSeconds(3));
        SegmentWorker<AudioScore> worker = worker(stack, first, group, concurrency, shutdownTimeout);
        worker.start();
        while (first.running.get() < concurrency) {
            Thread.sleep(20);
        }
        long closing = System.nanoTime();
        worker.close();
        double closeMs = (System.nanoTime() - closing) / 1e6;
        Analyzer second = new Analyzer(Duration.ZERO);
        try (SegmentWorker<AudioScore> next = worker(stack, second, group, concurrency, Duration.ofSeconds(10))) {
            next.start();
            awaitCommitted(stack, group, ends, Duration.ofMinutes(2));
        }
        int twice = 0;
        int never = 0;
        for (int i = 0; i < items; i++) {
            boolean a = first.completed.contains(i);
            boolean b = second.completed.contains(i);
            twice += a && b ? 1 : 0;
            never += !a && !b ? 1 : 0;
        }
        System.out.printf("shutdown timeout %d ms, %d items of 3 s in flight: close took %.0f ms; first worker "
                        + "finished %d, the next %d; analysed twice %d, never %d%n", shutdownTimeout.toMillis(),
                concurrency, closeMs, first.completed.size(), second.completed.size(), twice, never);
    }

    private static SegmentWorker<AudioScore> worker(LocalStack stack, Analyzer analyzer, String group, int concurrency,
                                                    Duration shutdownTimeout) {
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers(), "group.id", group,
                "schema.registry.url", stack.schemaRegistryUrl(), "auto.offset.reset", "earliest");
        SegmentWorkerConfig config = new SegmentWorkerConfig(concurrency, 1000, shutdownTimeout, 3,
                new LocationPolicy(new LocationPolicy.Settings(List.of(MEDIA.getParent()), false, List.of())));
        return new SegmentWorker<>(analyzer, kafka, config, new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
    }

    /** {@code items} work items over {@link #VODS} VODs of this run; the end offsets they leave per partition. */
    private static Map<TopicPartition, Long> send(LocalStack stack, String run, int items) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers()), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                String vod = run + "-" + (i % VODS);
                int index = i / VODS;
                sent.add(producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), vod, MediaSegment.newBuilder()
                        .setSegmentId(vod + "/" + index).setVodId(vod).setIndex(index).setCount(null)
                        .setMediaUri(MEDIA.toUri().toString()).setStartSec(index * SECONDS_PER_ITEM)
                        .setEndSec((index + 1) * SECONDS_PER_ITEM).setPreRollSec(5).setHasAudio(true).setHasVideo(true)
                        .setLast(false).build())));
            }
            for (var f : sent) {
                var m = f.get();
                ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            }
            return ends;
        }
    }

    /** Commits the group at the end of every partition, so that it takes this run's items only. */
    private static void startAtTheEnd(LocalStack stack, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            String topic = Topics.MEDIA_SEGMENTS.name();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.MEDIA_SEGMENTS.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    private static void awaitCommitted(LocalStack stack, String group, Map<TopicPartition, Long> ends, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the group " + group + " did not commit every item in " + timeout);
    }

    /** Emits 30 seconds per item in runs of 8 after {@code work}; records which items it finished. */
    private static final class Analyzer extends AudioStageAnalyzer {
        final Duration work;
        final Set<Integer> completed = ConcurrentHashMap.newKeySet();
        final AtomicInteger running = new AtomicInteger();

        Analyzer(Duration work) {
            this.work = work;
        }

        @Override
        public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) throws MediaDecodeException {
            running.incrementAndGet();
            try {
                Thread.sleep(work.toMillis());
            } catch (InterruptedException e) {
                throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, segment.getMediaUri(),
                        "interrupted by the shutdown");
            } finally {
                running.decrementAndGet();
            }
            List<AudioScore> runOf8 = new ArrayList<>();
            for (long s = (long) segment.getStartSec(); s < segment.getEndSec(); s++) {
                runOf8.add(AudioScore.newBuilder().setVodId(segment.getVodId()).setSecond(s)
                        .setSegmentIndex(segment.getIndex()).setRmsDbfs(-20f).setPeakDbfs(-3f).setEnergy5s(0.1f)
                        .setSpectralFlux(1f).setLogMelMean(-4f).setLogMelStd(1f).setModelScore(0.5f)
                        .setLabelScores(Map.of()).setModel("bench").build());
                if (runOf8.size() == 8) {
                    out.accept(List.copyOf(runOf8));
                    runOf8.clear();
                }
            }
            out.accept(List.copyOf(runOf8));
            String vod = segment.getVodId();
            completed.add(segment.getIndex() * VODS + Integer.parseInt(vod.substring(vod.lastIndexOf('-') + 1)));
        }
    }
}
