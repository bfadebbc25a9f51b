package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.samples.SampleSpec;
import dev.highlights.samples.SampleVod;
import dev.highlights.samples.SampleVodFiles;
import dev.highlights.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite on the real stack. Requests ingest must refuse (oversized, compressed, not UTF-8, host files,
 * FFmpeg's indirect protocols, internal addresses, playlists pointing at them, impossible chat offsets) each get a 4xx
 * that names the field or the location and why; records nobody can read (a schema id the registry does not know) on
 * every topic a service consumes are reported MALFORMED_RECORD by that service and skipped. Afterwards every service
 * is alive and ready, and a VOD whose records share the partitions of all those bad records is analysed to its end.
 */
class HostileInputEndToEndTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Confluent framing (magic byte 0, then the schema id) around an id the registry never issued. */
    private static final byte[] UNKNOWN_SCHEMA = {0, 0, 0x0F, 0x42, 0x3F, 2, 4, 6};

    @Test
    void everyHostileInputIsRefusedOrSkippedWithItsReasonAndTheNextVodStillGetsItsHighlights() throws Exception {
        Path data = Path.of("target/hostile"); // kept when this fails: the services' logs are there
        HighlightsCli.deleteRecursively(data);
        SampleVodFiles sample = SampleVod.ensure(REPOSITORY.resolve(".highlights/sample"), SampleSpec.defaults());
        Path hostile = Files.createDirectories(data.resolve("media")).toAbsolutePath();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(REPOSITORY, new EmbeddedPipeline.Options(data, false,
                List.of(sample.directory(), hostile))).start(line -> { })) {
            String api = pipeline.ingestUrl() + "/api/vods";
            String vodId = "hostile-" + UUID.randomUUID().toString().substring(0, 8);

            // Unreadable records keyed like the VOD's own, so they sit on the partitions its records will use.
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (String topic : List.of(Topics.VOD_REQUESTS.name(), Topics.CHAT_EVENTS.name(),
                        Topics.CHAT_MESSAGES.name(), Topics.CHAT_FEATURES.name(), Topics.AUDIO_SCORES.name(),
                        Topics.VIDEO_SCORES.name(), Topics.PIPELINE_STATUS.name(), Topics.VODS.name(),
                        Topics.HIGHLIGHTS.name())) {
                    raw.send(new ProducerRecord<>(topic, vodId, UNKNOWN_SCHEMA));
                }
                raw.send(new ProducerRecord<>(Topics.MEDIA_SEGMENTS.name(), vodId + "/0", UNKNOWN_SCHEMA));
                raw.flush();
            }

            // Bodies: too large, gzip-compressed (a bomb: 64 KiB that inflate to 64 MiB), not UTF-8.
            assertProblem(post(api, "{\"mediaUri\":\"" + "x".repeat(70_000) + "\"}"), 413, "");
            assertProblem(send(HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzipOfZeros(64 << 20))).build()), 0, "");
            byte[] latin1 = "{\"channel\":\"caf\u00e9\",\"mediaUri\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
            assertProblem(send(HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build()), 0, "");

            // Locations: a host file, FFmpeg's indirect protocols, an internal address, a playlist of all of them.
            assertProblem(register(api, "file:///etc/passwd"), 403, "/etc/passwd");
            assertProblem(register(api, "concat:/etc/passwd|/etc/hosts"), 0, "concat");
            assertProblem(register(api, "subfile:,,start,0,end,0,,:/etc/passwd"), 0, "subfile");
            assertProblem(register(api, "http://127.0.0.1:" + URI.create(pipeline.schemaRegistryUrl()).getPort()
                    + "/subjects"), 403, "127.0.0.1");
            for (String entry : List.of("file:///etc/passwd", "concat:/etc/passwd|/etc/hosts",
                    "subfile:,,start,0,end,0,,:/etc/passwd", "http://169.254.169.254/latest/meta-data")) {
                Path playlist = hostile.resolve("hostile-" + Math.abs(entry.hashCode()) + ".m3u8");
                Files.writeString(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + entry
                        + "\n#EXT-X-ENDLIST\n");
                assertProblem(register(api, playlist.toUri().toString()), 0, "");
            }
            Path bomb = hostile.resolve("chat-bomb.json.gz");
            Files.write(bomb, gzipOfZeros(64 << 20));
            HttpResponse<String> chatBomb = send(HttpRequest.newBuilder(URI.create(api))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("channel", "c", "title",
                            "bomb", "mediaUri", sample.video().toUri().toString(), "chatUri",
                            bomb.toUri().toString())))).build());
            assertProblem(chatBomb, 0, "");

            // Live chat whose offsets no stream can have.
            String live = "hostile-live-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(send(HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", live, "channel",
                            "c", "title", "live", "mediaUri", sample.video().toUri().toString(), "live", true))))
                    .build()).statusCode()).isEqualTo(202);
            for (String offset : List.of("-5", "\"NaN\"", "1e308", "600000")) {
                HttpResponse<String> chat = post(api + "/" + live + "/chat",
                        "[{\"offsetSec\":" + offset + ",\"author\":\"a\",\"text\":\"hi\"}]");
                assertProblem(chat, 400, "message 0");
            }

            // Every service still up and ready, and the VOD behind all those records is analysed to the end.
            assertThat(pipeline.deadService()).isNull();
            assertThat(pipeline.unreadyServices()).isEmpty();
            assertThat(register(api, vodId, sample).statusCode()).isEqualTo(202);
            assertThat(FinalHighlights.of(new IngestClient(pipeline.ingestUrl()), vodId, pipeline)).isNotEmpty();
            Set<String> keys = Set.of(vodId, vodId + "/0");
            List<PipelineStatus> malformed = TopicReads.toEnd(pipeline, Topics.PIPELINE_STATUS.name(),
                    PipelineStatus.class, (key, s) -> keys.contains(key) && "MALFORMED_RECORD".equals(s.getErrorCode()));
            assertThat(malformed).extracting(PipelineStatus::getStage)
                    .contains(Stage.INGEST, Stage.CHAT, Stage.AUDIO, Stage.VIDEO, Stage.FUSION);
            assertThat(malformed).allSatisfy(s -> assertThat(s.getMessage()).contains("Skipped unreadable record"));
            assertThat(pipeline.unreadyServices()).isEmpty();
        }
    }

    /** A problem+json refusal with a reason: {@code status} exactly, or (0) any 4xx. */
    private static void assertProblem(HttpResponse<String> response, int status, String inDetail) throws Exception {
        if (status == 0) {
            assertThat(response.statusCode()).as("%s", response.body()).isBetween(400, 499);
        } else {
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(status);
        }
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("detail").asText()).as("%s", response.body()).isNotBlank().contains(inDetail);
    }

    private static HttpResponse<String> register(String api, String mediaUri) throws Exception {
        return post(api, JSON.writeValueAsString(Map.of("channel", "c", "title", "hostile", "mediaUri", mediaUri)));
    }

    private static HttpResponse<String> register(String api, String id, SampleVodFiles sample) throws Exception {
        return post(api, JSON.writeValueAsString(Map.of("id", id, "channel", "c", "title", "after the hostile inputs",
                "mediaUri", sample.video().toUri().toString(), "chatUri", sample.chat().toUri().toString())));
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzipOfZeros(int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < size; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }
}
