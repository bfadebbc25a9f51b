package dev.highlights.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.worker.media.MediaDecodeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The work loop on the real broker, with an analyzer that needs no media. */
@ExtendWith(LocalStackExtension.class)
class SegmentWorkerTest {

    /** One record per second of the segment; "missing" media fails, "noaudio" has no audio stream. */
    static final class FakeAnalyzer implements SegmentAnalyzer<AudioScore> {
        @Override
        public Stage stage() {
            return Stage.AUDIO;
        }

        @Override
        public String outputTopic() {
            return Topics.AUDIO_SCORES.name();
        }

        @Override
        public long secondOf(AudioScore record) {
            return record.getSecond();
        }

        @Override
        public void analyze(MediaSegment segment, Consumer<AudioScore> out) throws MediaDecodeException {
            if (segment.getMediaUri().contains("missing")) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NOT_FOUND, segment.getMediaUri(),
                        "no such file: " + segment.getMediaUri());
            }
            if (segment.getMediaUri().contains("noaudio")) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_AUDIO_STREAM, segment.getMediaUri(),
                        "no audio stream");
            }
            for (long s = (long) segment.getStartSec(); s < segment.getEndSec(); s++) {
                out.accept(AudioScore.newBuilder().setVodId(segment.getVodId()).setSecond(s)
                        .setSegmentIndex(segment.getIndex()).setRmsDbfs(-20f - s % 7).setPeakDbfs(-3f)
                        .setEnergy5s(0.1f).setSpectralFlux(1f).setLogMelMean(-4f).setLogMelStd(1f)
                        .setModelScore((s % 10) / 10f).setLabelScores(Map.of()).setModel("fake").build());
            }
        }
    }

    private static MediaSegment segment(String vodId, int index, String uri, int start, int end) {
        return MediaSegment.newBuilder().setSegmentId(vodId + "/" + index).setVodId(vodId).setIndex(index).setCount(3)
                .setMediaUri(uri).setStartSec(start).setEndSec(end).setPreRollSec(5).setHasAudio(true)
                .setHasVideo(true).setLast(index == 2).build();
    }

    @Test
    void processesSegmentsReportsBrokenOnesAndRedeliversIdentically(LocalStack stack) {
        String run = UUID.randomUUID().toString();
        String good = "good-" + run;
        String broken = "broken-" + run;
        String silent = "silent-" + run;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 0, "file:///a.mp4", 0, 30)));
            // A work item nobody can read, ahead of a good one on the same partition: it must not block it.
            raw.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, "garbage".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 1, "file:///a.mp4", 30, 60)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), good, segment(good, 2, "file:///a.mp4", 60, 75)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), broken, segment(broken, 0, "file:///missing.mp4", 0, 30)));
            producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), silent, segment(silent, 0, "file:///noaudio.mp4", 0, 30)));
        }

        List<AudioScore> first = runWorkerUntil(stack, "audio-" + run, good, 75);
        assertThat(first).extracting(AudioScore::getSecond).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.range(0, 75).boxed().toList());

        List<PipelineStatus> status = read(stack, Topics.PIPELINE_STATUS.name(),
                k -> k.equals(good) || k.equals(broken) || k.equals(silent),
                got -> got.stream().filter(s -> s.getKind() == StatusKind.COMPLETED || s.getKind() == StatusKind.ERROR
                        || s.getKind() == StatusKind.MODALITY_ABSENT).count() >= 6);
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

        // A second group takes every work item again: the same records, no more, no fewer.
        List<AudioScore> again = runWorkerUntil(stack, "audio-replay-" + run, good, 150);
        assertThat(again).hasSize(150);
        assertThat(again.subList(75, 150)).containsExactlyInAnyOrderElementsOf(first);
    }

    private List<AudioScore> runWorkerUntil(LocalStack stack, String groupId, String vodId, int expected) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SegmentWorker<AudioScore> worker = new SegmentWorker<>(new FakeAnalyzer(), Map.of(
                "bootstrap.servers", stack.bootstrapServers(), "group.id", groupId,
                "schema.registry.url", stack.schemaRegistryUrl()),
                new SegmentWorkerConfig(2, 10, Duration.ofSeconds(10)), new WorkerMetrics(meters, Stage.AUDIO));
        worker.start();
        List<AudioScore> scores = new CopyOnWriteArrayList<>();
        try {
            scores.addAll(read(stack, Topics.AUDIO_SCORES.name(), vodId::equals, got -> got.size() >= expected));
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("highlights.worker.segments")
                    .counters().stream().mapToDouble(c -> c.count()).sum() >= 5);
        } finally {
            worker.close();
        }
        assertThat(meters.get("highlights.worker.media.seconds").counter().count()).isEqualTo(75);
        assertThat(meters.get("highlights.worker.errors").counter().count()).isEqualTo(1);
        return scores;
    }

    private static <V extends SpecificRecord> List<V> read(LocalStack stack, String topic,
                                                           java.util.function.Predicate<String> key,
                                                           java.util.function.Predicate<List<V>> done) {
        SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + 60_000;
            while (!done.test(out) && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && key.test(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }
}
