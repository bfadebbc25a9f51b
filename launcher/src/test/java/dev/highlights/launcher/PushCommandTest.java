package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code push}: options to a request, the client settings, and the records it writes on the real broker. */
@ExtendWith(LocalStackExtension.class)
class PushCommandTest {

    /** The request push's command line describes, without sending it. */
    private static VodIngestRequest request(String... args) {
        return CommandLine.populateCommand(new PushCommand(), args).request();
    }

    private static Map<String, Object> clientConfig(String... args) {
        return CommandLine.populateCommand(new KafkaClientOptions(), args).config();
    }

    /** {@code ./highlights push ARGS} with its own stdout and stderr. */
    private static int push(PrintStream out, PrintStream err, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "push";
        System.arraycopy(args, 0, command, 1, args.length);
        return new HighlightsCli(Path.of("."), out, err, false).execute(command);
    }

    @Test
    void optionsBecomeTheRequestAndTheClientSettings(@TempDir Path dir) throws Exception {
        Path video = Files.writeString(dir.resolve("finals.mp4"), "x");
        VodIngestRequest r = request("--video", video.toString(), "--chat", "https://cdn.example.com/c.json");
        assertThat(r.getMediaUri()).isEqualTo(video.toUri().toString());
        assertThat(r.getChatUri()).isEqualTo("https://cdn.example.com/c.json");
        assertThat(r.getChannel()).isEqualTo("cli");
        assertThat(r.getTitle()).isEqualTo("finals.mp4");
        assertThat(r.getVodId()).isEqualTo(dev.highlights.schemas.VodIds.derive("cli", r.getMediaUri(), r.getChatUri()));
        assertThat(r.getRequestId()).isEqualTo(r.getVodId());
        JsonNode json = new ObjectMapper().readTree(PushCommand.json(r));
        assertThat(json.get("id").asText()).isEqualTo(r.getVodId());
        assertThat(json.has("live")).isFalse();

        VodIngestRequest live = request("--video", "https://cdn.example.com/live.m3u8", "--id", "my-live",
                "--live", "true", "--stream-start-epoch-ms", "1700000000000", "--request-id", "r-1", "--title", "Now");
        assertThat(live.getVodId()).isEqualTo("my-live");
        assertThat(live.getLive()).isTrue();
        assertThat(live.getStreamStartEpochMs()).isEqualTo(1_700_000_000_000L);
        assertThat(live.getRequestId()).isEqualTo("r-1");
        assertThat(request("--video", "https://cdn.example.com/live.m3u8", "--live").getLive()).isTrue();
        VodIngestRequest channel = request("--video", "https://cdn.example.com/live.m3u8", "--live",
                "--chat-channel", "SomeStreamer");
        assertThat(channel.getChatUri()).isEqualTo("ircs://irc.chat.twitch.tv:6697/#somestreamer");
        assertThat(channel.getStreamStartEpochMs()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> request("--video", "https://cdn.example.com/l.m3u8",
                "--chat-channel", "x")).hasMessageContaining("add --live");

        Path props = Files.writeString(dir.resolve("client.properties"),
                "bootstrap.servers=broker:9093\nsecurity.protocol=SSL\nschema.registry.url=https://sr:8081\n");
        Map<String, Object> c = clientConfig("--config", props.toString(), "--property", "acks=1");
        assertThat(c).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SSL")
                .containsEntry("schema.registry.url", "https://sr:8081").containsEntry("acks", "1");
        assertThat(clientConfig("--config", props.toString(), "--bootstrap-servers", "b:1"))
                .containsEntry("bootstrap.servers", "b:1");
        assertThat(clientConfig()).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("schema.registry.url", "http://localhost:8081");

        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertThat(push(out, err)).isEqualTo(2);
        assertThat(push(out, err, "--video", dir.resolve("missing.mp4").toString())).isEqualTo(2);
        assertThat(push(out, err, "--video", video.toString(), "--format", "xml")).isEqualTo(2);
        assertThat(push(out, err, "--video", video.toString(), "--property", "novalue")).isEqualTo(2);
        assertThat(push(out, err, "--video", video.toString(), "--property", "=1")).isEqualTo(2);
        assertThat(push(out, err, "--video", video.toString(), "--config", dir.resolve("missing.properties").toString()))
                .isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--video=FILE|URI'",
                "no such file", "--format", "novalue", "--property takes key=value", "missing.properties: cannot read it",
                "Usage: highlights push");
    }

    @Test
    void pushesAvroAndJsonValuesKeyedByTheVodIdAndReportsIngestsAnswer(LocalStack stack, @TempDir Path dir)
            throws Exception {
        Path video = Files.writeString(dir.resolve("v-" + UUID.randomUUID() + ".mp4"), "x");
        String bootstrap = stack.bootstrapServers();
        String registry = stack.schemaRegistryUrl();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        String id = "push-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(push(out, System.err, "--video", video.toString(), "--id", id, "--bootstrap-servers", bootstrap,
                "--schema-registry", registry, "--wait-seconds", "0")).isZero();
        assertThat(push(out, System.err, "--video", video.toString(), "--id", id, "--format", "json",
                "--bootstrap-servers", bootstrap, "--schema-registry", registry, "--wait-seconds", "0")).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("pushed request " + id + " for VOD " + id + " (avro)",
                "(json)", "./highlights tail --vod " + id);

        List<byte[]> values = read(stack, id, 2);
        assertThat(values).hasSize(2);
        assertThat(values.get(0)[0]).isEqualTo((byte) 0);
        SpecificAvroDeserializer<VodIngestRequest> avro = new SpecificAvroDeserializer<>();
        avro.configure(Map.of("schema.registry.url", registry), false);
        VodIngestRequest sent = avro.deserialize(Topics.VOD_REQUESTS.name(), values.get(0));
        assertThat(sent.getMediaUri()).isEqualTo(video.toUri().toString());
        assertThat(new String(values.get(1), StandardCharsets.UTF_8)).startsWith("{\"requestId\":\"" + id + "\"");

        // Waiting: ingest's refusal (here written by the test) is printed and the exit status is 1.
        String refused = "push-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        CompletableFuture<Integer> push = CompletableFuture.supplyAsync(() -> push(
                new PrintStream(answer, true, StandardCharsets.UTF_8), System.err, "--video", video.toString(), "--id",
                refused, "--request-id", "req-" + refused, "--bootstrap-servers", bootstrap, "--schema-registry", registry,
                "--wait-seconds", "30"));
        assertThat(read(stack, refused, 1)).hasSize(1);
        try (KafkaProducer<String, PipelineStatus> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new AvroSerializer<>(Map.of("schema.registry.url", registry), false))) {
            producer.send(new ProducerRecord<>(Topics.PIPELINE_STATUS.name(), "req-" + refused, PipelineStatus.newBuilder()
                    .setEventId("ingest/rejected/MEDIA_OUTSIDE_ROOTS").setVodId("req-" + refused).setStage(Stage.INGEST)
                    .setKind(StatusKind.ERROR).setErrorCode("MEDIA_OUTSIDE_ROOTS").setMessage("not under a media root")
                    .setTimestampMs(System.currentTimeMillis()).build())).get();
        }
        assertThat(push.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(answer.toString(StandardCharsets.UTF_8)).contains("refused (MEDIA_OUTSIDE_ROOTS): not under a media root");
    }

    private static List<byte[]> read(LocalStack stack, String key, int count) {
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.VOD_REQUESTS.name(),
                    TailCommand.partitionOf(key, Topics.VOD_REQUESTS.partitions()));
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < count && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }
}
