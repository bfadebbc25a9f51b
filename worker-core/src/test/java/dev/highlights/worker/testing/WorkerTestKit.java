package dev.highlights.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.localstack.LocalStack;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Work items in, records and statuses out, on the real broker: what the worker tests share. */
public final class WorkerTestKit {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private WorkerTestKit() {
    }

    /** A work item of {@code vodId} (segment id {@code <vodId>/<index>}). */
    public static MediaSegment segment(String vodId, int index, Integer count, String uri, double start, double end,
                                       double preRoll) {
        return MediaSegment.newBuilder().setSegmentId(vodId + "/" + index).setVodId(vodId).setIndex(index)
                .setCount(count).setMediaUri(uri).setStartSec(start).setEndSec(end).setPreRollSec(preRoll)
                .setHasAudio(true).setHasVideo(true).setLast(count != null && index == count - 1).build();
    }

    /** Produces the work items to {@code media-segments}, keyed by their VOD id, and waits for the acks. */
    public static void send(LocalStack stack, List<MediaSegment> segments) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (MediaSegment s : segments) {
                producer.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), s.getVodId(), s));
            }
        }
    }

    /** Reads {@code topic} from the start, keeping records whose key passes, until {@code done} or the timeout. */
    public static <V extends SpecificRecord> List<V> read(LocalStack stack, String topic, Predicate<String> key,
                                                          Predicate<List<V>> done, Duration timeout) {
        SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() - end < 0) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && key.test(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reads the per-second records of a worker's output topic (each record a run of seconds in its {@code scores}
     * field) from the start, for VODs whose key passes, until {@code seconds} of them or the timeout.
     */
    @SuppressWarnings("unchecked")
    public static <V> List<V> readSeconds(LocalStack stack, String topic, Predicate<String> key, int seconds,
                                          Duration timeout) {
        List<SpecificRecordBase> runs = new ArrayList<>();
        int[] got = {0};
        read(stack, topic, key, (List<SpecificRecordBase> read) -> {
            for (int i = runs.size(); i < read.size(); i++) {
                runs.add(read.get(i));
                got[0] += ((List<?>) read.get(i).get("scores")).size();
            }
            return got[0] >= seconds;
        }, timeout);
        List<V> out = new ArrayList<>();
        for (SpecificRecordBase run : runs) {
            out.addAll((List<V>) run.get("scores"));
        }
        return out;
    }

    /** What a worker service made of {@link #goodAndBrokenSegments}: its per-second records and the VOD's statuses. */
    public record Outcome<V>(String vodId, List<V> records, List<PipelineStatus> status) {
    }

    /**
     * The end-to-end scenario of both worker services: one VOD of {@code seconds} seconds sent as five
     * work items on one partition: {@code [0, split)} of {@code media}, a missing file, a file that is
     * not media, a file outside the media roots, then {@code [split, seconds)} of {@code media}. Waits for the
     * two COMPLETED and three ERROR statuses and the {@code seconds} records, and checks them: one record per
     * second, MEDIA_NOT_FOUND, MEDIA_UNREADABLE and MEDIA_LOCATION_FORBIDDEN, and the good segment after them
     * still done. The service's media roots must hold the system's temporary directory.
     */
    public static <V extends SpecificRecord> Outcome<V> goodAndBrokenSegments(LocalStack stack, Stage stage,
                                                                              String outputTopic, Path media,
                                                                              int seconds, int split,
                                                                              ToLongFunction<V> secondOf)
            throws IOException {
        String vodId = stage.name().toLowerCase() + "-svc-" + UUID.randomUUID();
        Path broken = media.resolveSibling("not-media-" + vodId + ".mp4");
        Files.write(broken, "this is not a media file".repeat(100).getBytes(StandardCharsets.UTF_8));
        broken.toFile().deleteOnExit();
        String uri = media.toUri().toString();
        send(stack, List.of(
                segment(vodId, 0, 5, uri, 0, split, 0),
                segment(vodId, 1, 5, media.resolveSibling("missing-" + vodId + ".mp4").toUri().toString(), split, seconds, 5),
                segment(vodId, 2, 5, broken.toUri().toString(), split, seconds, 5),
                segment(vodId, 4, 5, "file:///etc/passwd", split, seconds, 5),
                segment(vodId, 3, 5, uri, split, seconds, 5)));

        List<PipelineStatus> status = read(stack, Topics.PIPELINE_STATUS.name(), vodId::equals,
                got -> count(got, StatusKind.COMPLETED) >= 2 && count(got, StatusKind.ERROR) >= 3, Duration.ofSeconds(60));
        List<V> records = readSeconds(stack, outputTopic, vodId::equals, seconds, Duration.ofSeconds(20));

        assertThat(status).allSatisfy(s -> assertThat(s.getStage()).isEqualTo(stage));
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED)
                .extracting(PipelineStatus::getSegmentIndex).containsExactlyInAnyOrder(0, 3);
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.ERROR)
                .extracting(PipelineStatus::getSegmentIndex, PipelineStatus::getErrorCode)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, "MEDIA_NOT_FOUND"),
                        org.assertj.core.groups.Tuple.tuple(2, "MEDIA_UNREADABLE"),
                        org.assertj.core.groups.Tuple.tuple(4, "MEDIA_LOCATION_FORBIDDEN"));
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED && s.getSegmentIndex() == 3)
                .singleElement().satisfies(s -> {
                    assertThat(s.getLastSecond()).isEqualTo(seconds - 1L);
                    assertThat(s.getCount()).isEqualTo((long) (seconds - split));
                });
        assertThat(records).hasSize(seconds);
        assertThat(records.stream().mapToLong(secondOf).sorted().toArray())
                .containsExactly(LongStream.range(0, seconds).toArray());
        return new Outcome<>(vodId, records, status);
    }

    /** The second whose {@code value} is highest. */
    public static <V> long argMax(List<V> records, ToLongFunction<V> secondOf, Function<V, Double> value) {
        V best = records.stream().max((a, b) -> Double.compare(value.apply(a), value.apply(b))).orElseThrow();
        return secondOf.applyAsLong(best);
    }

    /**
     * The service's health and metrics after {@link #goodAndBrokenSegments}: readiness and liveness UP
     * (HTTP 200, the {@code segment-worker} check), and the worker meters on {@code /q/metrics} with the
     * scenario's counts ({@code mediaSeconds} analysed, two segments completed, two media errors, one location refused).
     */
    public static void assertHealthAndMetrics(URI root, Stage stage, int mediaSeconds) {
        String tag = "stage=\"" + stage.name().toLowerCase() + "\"";
        for (String check : List.of("q/health/ready", "q/health/live")) {
            HttpResponse<String> r = get(root.resolve(check));
            assertThat(r.statusCode()).as("%s: %s", check, r.body()).isEqualTo(200);
            assertThat(r.body()).contains("segment-worker", "READY");
        }
        // The meters of the last segment may be recorded just after its status is published.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(root.resolve("q/metrics")).body())
                .contains("highlights_worker_media_seconds_total{" + tag + "} " + mediaSeconds + ".0",
                        "highlights_worker_errors_total{kind=\"media\"," + tag + "} 2.0",
                        "highlights_worker_errors_total{kind=\"location\"," + tag + "} 1.0",
                        "highlights_worker_errors_total{kind=\"malformed-record\"," + tag + "} 0.0",
                        "highlights_worker_segments_total{outcome=\"completed\"," + tag + "} 2.0",
                        "highlights_worker_segments_in_flight{" + tag + "} 0.0",
                        "highlights_worker_segment_duration_seconds_count{" + tag + "} 5",
                        "highlights_worker_step_duration_seconds_count{" + tag + ",step=\"decode\"}",
                        "highlights_worker_step_duration_seconds_count{" + tag + ",step=\"inference\"}"));
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(List<PipelineStatus> status, StatusKind kind) {
        return status.stream().filter(s -> s.getKind() == kind).count();
    }
}
