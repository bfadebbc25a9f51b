package dev.highlights.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.media.LocationPolicy;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.worker.media.MediaDecodeException;
import dev.highlights.worker.testing.AudioStageAnalyzer;
import dev.highlights.worker.testing.WorkerTestKit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The work loop on the real broker, with an analyzer that needs no media. */
@ExtendWith(LocalStackExtension.class)
class SegmentWorkerTest {
    private static final Path MEDIA = createMedia();


    /**
     * One record per second of the segment, handed over in runs of up to 8 seconds; "missing" media fails, "noaudio"
     * has no audio stream, "slow" has no records.
     */
    static final class FakeAnalyzer extends AudioStageAnalyzer {
        @Override
        public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) throws MediaDecodeException {
            if (segment.getMediaUri().contains("missing")) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NOT_FOUND, segment.getMediaUri(),
                        "no such file: " + segment.getMediaUri());
            }
            if (Stream.of("slow", "quiet", "stuck", "fatal").anyMatch(segment.getMediaUri()::contains)) {
                return; // the other tests' items: done, without records (each group reads them all; some count records)
            }
            if (segment.getMediaUri().contains("noaudio")) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_AUDIO_STREAM, segment.getMediaUri(),
                        "no audio stream");
            }
            List<AudioScore> run = new ArrayList<>();
            for (long s = (long) segment.getStartSec(); s < segment.getEndSec(); s++) {
                run.add(AudioScore.newBuilder().setVodId(segment.getVodId()).setSecond(s)
                        .setSegmentIndex(segment.getIndex()).setRmsDbfs(-20f - s % 7).setPeakDbfs(-3f)
                        .setEnergy5s(0.1f).setSpectralFlux(1f).setLogMelMean(-4f).setLogMelStd(1f)
                        .setModelScore((s % 10) / 10f).setLabelScores(Map.of()).setModel("fake").build());
                if (run.size() == 8) {
                    out.accept(List.copyOf(run));
                    run.clear();
                }
            }
            out.accept(List.copyOf(run)); // the loop sends nothing for an empty run
        }
    }

    private static MediaSegment segment(String vodId, int index, String uri, int start, int end) {
        return WorkerTestKit.segment(vodId, index, 3, uri, start, end, 5);
    }

    /** Blocks on "slow" media until interrupted, then fails the way the decoders do on a shutdown. */
    static final class SlowAnalyzer extends AudioStageAnalyzer {
        final FakeAnalyzer fake = new FakeAnalyzer();
        final CountDownLatch started = new CountDownLatch(1);
        final String media;

        SlowAnalyzer(String media) {
            this.media = media;
        }

        @Override
        public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) throws MediaDecodeException {
            if (!segment.getMediaUri().contains(media)) {
                fake.analyze(segment, out);
                return;
            }
            started.countDown();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, segment.getMediaUri(),
                        "decoding was interrupted");
            }
        }
    }

    @Test
    void aWorkItemReadWhileTheRegistryIsDownWaitsForItInsteadOfBeingSkipped(LocalStack stack) throws Exception {
        String vodId = "registry-" + UUID.randomUUID();
        // A writer schema this JVM has not read yet (one more optional field): reading it needs the registry. The
        // test writes through another spelling of the registry's address, so the worker's id cache stays cold.
        ObjectNode schemaJson = (ObjectNode) new ObjectMapper().readTree(MediaSegment.getClassSchema().toString());
        ((ArrayNode) schemaJson.get("fields")).addObject().put("name", "note" + vodId.replace("-", "_"))
                .putNull("default").putArray("type").add("null").add("string");
        Schema schema = new Schema.Parser().parse(schemaJson.toString());
        MediaSegment item = segment(vodId, 0, media("quiet.mp4"), 0, 30);
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field f : MediaSegment.getClassSchema().getFields()) {
            record.put(f.name(), item.get(f.name()));
        }
        byte[] value;
        try (AvroSerializer<Object> avro = new AvroSerializer<>(Map.of("schema.registry.url",
                stack.schemaRegistryUrl().replace("127.0.0.1", "localhost")), false)) {
            value = avro.serialize(Topics.MEDIA_SEGMENTS.name(), record);
        }
        SegmentWorker<AudioScore> worker = new SegmentWorker<>(new FakeAnalyzer(), props(stack, "registry-" + vodId),
                config(2, Duration.ofSeconds(5)), new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
        stack.stopRegistry();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), vodId, value)).get();
            worker.start();
            Thread.sleep(6_000); // the worker polls it now and cannot read it
        } finally {
            stack.startRegistry();
        }
        List<PipelineStatus> status;
        try {
            status = read(stack, Topics.PIPELINE_STATUS.name(), vodId::equals,
                    got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED));
        } finally {
            worker.close();
        }
        assertThat(status).as("read and done once the registry is back, not skipped as malformed")
                .anyMatch(s -> s.getKind() == StatusKind.COMPLETED).noneMatch(s -> s.getKind() == StatusKind.ERROR);
    }

    @Test
    void shutdownAbandonsInFlightSegmentsWithoutCommitOrErrorStatus(LocalStack stack) throws InterruptedException {
        String run = UUID.randomUUID().toString();
        String slow = "slow-" + run;
        String group = "audio-stop-" + run;
        WorkerTestKit.send(stack, List.of(segment(slow, 0, media("slow.mp4"), 0, 30)));

        SlowAnalyzer analyzer = new SlowAnalyzer("slow.mp4");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SegmentWorker<AudioScore> first = new SegmentWorker<>(analyzer, props(stack, group),
                config(1, Duration.ofMillis(300)), new WorkerMetrics(meters, Stage.AUDIO));
        first.start();
        try {
            assertThat(analyzer.started.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.isConnected()).isTrue();
        } finally {
            first.close();
        }
        assertThat(first.isRunning()).isFalse();
        assertThat(first.hasFailed()).isFalse();
        assertThat(meters.get("highlights.worker.segments").tag("outcome", "abandoned").counter().count()).isEqualTo(1);

        // Not committed: the next worker of the group takes it again and completes it.
        SegmentWorker<AudioScore> second = new SegmentWorker<>(new FakeAnalyzer(), props(stack, group),
                config(2, Duration.ofSeconds(5)), new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
        second.start();
        try {
            List<PipelineStatus> status = WorkerTestKit.read(stack, Topics.PIPELINE_STATUS.name(), slow::equals,
                    got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED), Duration.ofSeconds(60));
            assertThat(status).extracting(PipelineStatus::getKind).doesNotContain(StatusKind.ERROR)
                    .containsOnlyOnce(StatusKind.COMPLETED);
        } finally {
            second.close();
        }
    }

    /** Ends the analysis of "fatal" media with an Error, as a native crash or an out-of-memory would end a worker. */
    static final class FatalAnalyzer extends AudioStageAnalyzer {
        final FakeAnalyzer fake = new FakeAnalyzer();
        final AtomicInteger fatalStarts = new AtomicInteger();
        /** Every segment started (a fresh group also reads the other tests' work items). */
        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) throws MediaDecodeException {
            started.add(segment.getSegmentId());
            if (segment.getMediaUri().contains("fatal")) {
                fatalStarts.incrementAndGet();
                throw new InternalError("simulated crash in native code");
            }
            fake.analyze(segment, out);
        }
    }

    @Test
    void aWorkItemThatKeepsEndingAbnormallyIsReportedAfterItsAttemptsAndTheVodGoesOn(LocalStack stack) {
        String vodId = "fatal-" + UUID.randomUUID();
        WorkerTestKit.send(stack, List.of(segment(vodId, 0, media("fatal.mp4"), 0, 30),
                segment(vodId, 1, media("quiet.mp4"), 30, 60)));
        FatalAnalyzer analyzer = new FatalAnalyzer();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SegmentWorker<AudioScore> worker = new SegmentWorker<>(analyzer, props(stack, "audio-" + vodId),
                config(1, Duration.ofSeconds(5)), new WorkerMetrics(meters, Stage.AUDIO));
        worker.start();
        List<PipelineStatus> status;
        try {
            status = read(stack, Topics.PIPELINE_STATUS.name(), vodId::equals,
                    got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED)
                            && got.stream().anyMatch(s -> s.getKind() == StatusKind.ERROR));
            assertThat(worker.isRunning()).as("the loop survives the Error").isTrue();
        } finally {
            worker.close();
        }
        assertThat(analyzer.fatalStarts).hasValue(3);
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.ERROR).singleElement().satisfies(s -> {
            assertThat(s.getErrorCode()).isEqualTo("SEGMENT_ATTEMPTS_EXHAUSTED");
            assertThat(s.getSegmentIndex()).isZero();
            assertThat(s.getMessage()).contains("3 attempts");
        });
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED)
                .extracting(PipelineStatus::getSegmentIndex).containsOnly(1);
        assertThat(meters.get("highlights.worker.errors").tag("kind", "attempts").counter().count()).isEqualTo(1);
    }

    @Test
    void attemptCountsLiveInTheGroupsCommitSoTheyOutliveACrashedWorker(LocalStack stack) throws Exception {
        String vodId = "crashed-" + UUID.randomUUID();
        String group = "audio-" + vodId;
        WorkerTestKit.send(stack, List.of(segment(vodId, 0, media("stuck.mp4"), 0, 30)));
        SlowAnalyzer analyzer = new SlowAnalyzer("stuck.mp4");
        SegmentWorker<AudioScore> first = new SegmentWorker<>(analyzer, props(stack, group),
                config(1, Duration.ofMillis(300)), new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
        first.start();
        Map.Entry<TopicPartition, OffsetAndMetadata> whileRunning;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            assertThat(analyzer.started.await(60, TimeUnit.SECONDS)).isTrue();
            // What a worker killed now (SIGKILL, OOM killer) leaves for the next one.
            whileRunning = counting(admin, group);
            first.close();
            assertThat(committed(admin, group, whileRunning.getKey()).metadata()).as("an attempt ended by a shutdown is not counted")
                    .isEmpty();

            // The next worker finds the item started three times by workers that died: it reports it, starts nothing.
            long offset = whileRunning.getValue().offset();
            assertThat(whileRunning.getValue().metadata()).isEqualTo("attempts:" + offset + "=1");
            admin.alterConsumerGroupOffsets(group, Map.of(whileRunning.getKey(), new OffsetAndMetadata(offset,
                    WorkItemAttempts.format(Map.of(offset, 3))))).all().get();
        }
        FatalAnalyzer never = new FatalAnalyzer();
        SegmentWorker<AudioScore> next = new SegmentWorker<>(never, props(stack, group),
                config(1, Duration.ofSeconds(5)), new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO));
        next.start();
        try {
            List<PipelineStatus> status = read(stack, Topics.PIPELINE_STATUS.name(), vodId::equals,
                    got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.ERROR));
            assertThat(status).filteredOn(s -> s.getKind() == StatusKind.ERROR).singleElement()
                    .extracting(PipelineStatus::getErrorCode).isEqualTo("SEGMENT_ATTEMPTS_EXHAUSTED");
        } finally {
            next.close();
        }
        assertThat(never.started).as("not started a fourth time").doesNotContain(vodId + "/0");
    }

    /** The group's one committed offset that counts attempts: the test's one item in flight. */
    private static Map.Entry<TopicPartition, OffsetAndMetadata> counting(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().metadata().isEmpty())
                .reduce((a, b) -> {
                    throw new AssertionError("more than one item counted: " + a + ", " + b);
                }).orElseThrow();
    }

    private static OffsetAndMetadata committed(Admin admin, String group, TopicPartition tp) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
    }

    /** Where the test's work items point: files under the workers' media root (the fake analyzers never open them). */
    private static String media(String name) {
        return MEDIA.resolve(name).toUri().toString();
    }

    private static SegmentWorkerConfig config(int concurrency, Duration shutdownTimeout) {
        return new SegmentWorkerConfig(concurrency, 10, shutdownTimeout, 3,
                new LocationPolicy(new LocationPolicy.Settings(List.of(MEDIA), true, List.of())));
    }

    private static Path createMedia() {
        try {
            Path root = Files.createTempDirectory("worker-media");
            for (String name : List.of("a.mp4", "slow.mp4", "quiet.mp4", "noaudio.mp4", "fatal.mp4", "stuck.mp4")) {
                Files.writeString(root.resolve(name), "not opened");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> props(LocalStack stack, String groupId) {
        return Map.of("bootstrap.servers", stack.bootstrapServers(), "group.id", groupId,
                "schema.registry.url", stack.schemaRegistryUrl());
    }

    @Test
    void processesSegmentsReportsBrokenOnesAndRedeliversIdentically(LocalStack stack) {
        String run = UUID.randomUUID().toString();
        String good = "good-" + run;
        String broken = "broken-" + run;
        String silent = "silent-" + run;
        String outside = "outside-" + run;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 0, media("a.mp4"), 0, 30)));
            // A work item nobody can read, ahead of a good one on the same partition: it must not block it.
            raw.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, "garbage".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 1, media("a.mp4"), 30, 60)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 2, media("a.mp4"), 60, 75)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), broken, segment(broken, 0, media("missing.mp4"), 0, 30)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), silent, segment(silent, 0, media("noaudio.mp4"), 0, 30)));
            // Anyone who can write to the topic could name any file or URL: the worker opens none of them.
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), outside, segment(outside, 0, "file:///etc/passwd", 0, 30)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), outside, segment(outside, 1, "http://169.254.169.254/latest", 30, 60)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), outside, segment(outside, 2, "concat:/etc/passwd|/etc/hosts", 60, 75)));
        }

        List<AudioScore> first = runWorkerUntil(stack, "audio-" + run, good, 75);
        assertThat(first).extracting(AudioScore::getSecond).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.range(0, 75).boxed().toList());

        List<PipelineStatus> status = read(stack, Topics.PIPELINE_STATUS.name(),
                k -> k.equals(good) || k.equals(broken) || k.equals(silent) || k.equals(outside),
                got -> got.stream().filter(s -> s.getKind() == StatusKind.COMPLETED || s.getKind() == StatusKind.ERROR
                        || s.getKind() == StatusKind.MODALITY_ABSENT).count() >= 9);
        assertThat(status).filteredOn(s -> s.getVodId().equals(good) && s.getKind() == StatusKind.COMPLETED)
                .extracting(PipelineStatus::getSegmentIndex).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(status).filteredOn(s -> s.getVodId().equals(good) && s.getKind() == StatusKind.ERROR)
                .singleElement().satisfies(s -> assertThat(s.getErrorCode()).isEqualTo("MALFORMED_RECORD"));
        assertThat(status).filteredOn(s -> s.getVodId().equals(broken)).anySatisfy(s -> {
            assertThat(s.getKind()).isEqualTo(StatusKind.ERROR);
            assertThat(s.getErrorCode()).isEqualTo("MEDIA_NOT_FOUND");
        });
        assertThat(status).filteredOn(s -> s.getVodId().equals(silent))
                .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(StatusKind.MODALITY_ABSENT));
        assertThat(status).filteredOn(s -> s.getVodId().equals(outside) && s.getKind() == StatusKind.ERROR)
                .extracting(PipelineStatus::getErrorCode)
                .containsExactly("MEDIA_LOCATION_FORBIDDEN", "MEDIA_LOCATION_FORBIDDEN", "MEDIA_LOCATION_FORBIDDEN");

        // A second group takes every work item again: the same records, no more, no fewer.
        List<AudioScore> again = runWorkerUntil(stack, "audio-replay-" + run, good, 150);
        assertThat(again).hasSize(150);
        assertThat(again.subList(75, 150)).containsExactlyInAnyOrderElementsOf(first);
    }

    private List<AudioScore> runWorkerUntil(LocalStack stack, String groupId, String vodId, int expected) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SegmentWorker<AudioScore> worker = new SegmentWorker<>(new FakeAnalyzer(), props(stack, groupId),
                config(2, Duration.ofSeconds(10)), new WorkerMetrics(meters, Stage.AUDIO));
        worker.start();
        List<AudioScore> scores = new CopyOnWriteArrayList<>();
        try {
            scores.addAll(WorkerTestKit.readSeconds(stack, Topics.AUDIO_SCORES.name(), vodId::equals, expected,
                    Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("highlights.worker.segments")
                    .counters().stream().mapToDouble(c -> c.count()).sum() >= 8);
        } finally {
            worker.close();
        }
        assertThat(meters.get("highlights.worker.media.seconds").counter().count()).isEqualTo(75);
        assertThat(meters.get("highlights.worker.errors").tag("kind", "malformed-record").counter().count()).isEqualTo(1);
        assertThat(meters.get("highlights.worker.errors").tag("kind", "media").counter().count()).isEqualTo(1);
        assertThat(meters.get("highlights.worker.errors").tag("kind", "location").counter().count()).isEqualTo(3);
        return scores;
    }

    private static <V extends SpecificRecord> List<V> read(LocalStack stack, String topic,
                                                           java.util.function.Predicate<String> key,
                                                           java.util.function.Predicate<List<V>> done) {
        return WorkerTestKit.read(stack, topic, key, done, Duration.ofSeconds(60));
    }
}
