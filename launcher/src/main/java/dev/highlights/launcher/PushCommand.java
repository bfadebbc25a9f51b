package dev.highlights.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./highlights push}: a thin Kafka producer for the public ingest topic {@code vod-requests}, usable against
 * any broker and registry (the usual client properties), then waits for ingest's answer on {@code pipeline-status}.
 * <pre>
 *   push --video FILE|URI [--chat FILE|URI] [--chat-format NAME] [--id VOD_ID] [--channel NAME] [--title TEXT]
 *        [--live true --stream-start-epoch-ms MS] [--request-id ID] [--format avro|json] [--wait-seconds N]
 *        [--bootstrap-servers HOST:PORT] [--schema-registry URL] [--config client.properties] [--property k=v]...
 * </pre>
 * The VOD id is {@code --id}, else derived exactly as ingest derives it (so the same push twice is the same
 * request, and {@code tail --vod ID} knows what to follow). Files become {@code file:} URIs: they must lie under
 * ingest's media roots. Exit status: 0 accepted (or sent, with {@code --wait-seconds 0}), 1 refused or failed,
 * 2 bad usage.
 */
public final class PushCommand {
    static final String USAGE = """
            usage: ./highlights push --video FILE|URI [--chat FILE|URI] [--chat-format NAME] [--id VOD_ID]
                     [--channel NAME] [--title TEXT] [--live true] [--stream-start-epoch-ms MS] [--request-id ID]
                     [--format avro|json] [--wait-seconds N (30; 0: do not wait)]
                     [--bootstrap-servers HOST:PORT] [--schema-registry URL] [--config client.properties]
                     [--property key=value]...
            """;
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081";
    static final String DEFAULT_CHANNEL = "cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushCommand() {
    }

    /** Bad arguments: exit status 2. */
    static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    public static int run(Map<String, List<String>> options, PrintStream out) {
        quietKafkaLogs();
        VodIngestRequest request;
        Map<String, Object> client;
        String format;
        int waitSeconds;
        try {
            request = request(options);
            client = clientConfig(options);
            format = single(options, "format", "avro").toLowerCase(Locale.ROOT);
            if (!format.equals("avro") && !format.equals("json")) {
                throw new Usage("--format is avro or json, not " + format);
            }
            waitSeconds = integer(options, "wait-seconds", 30);
        } catch (Usage e) {
            out.println("highlights push: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        try {
            return push(request, client, format, Duration.ofSeconds(waitSeconds), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("highlights push: interrupted");
            return 130;
        } catch (Exception e) {
            out.println("highlights push: " + e.getMessage());
            return 1;
        }
    }

    static int push(VodIngestRequest request, Map<String, Object> client, String format, Duration wait, PrintStream out)
            throws Exception {
        String topic = Topics.VOD_REQUESTS.name();
        byte[] value;
        if (format.equals("json")) {
            value = json(request);
        } else {
            try (AvroSerializer<VodIngestRequest> serializer = new AvroSerializer<>(client, false)) {
                value = serializer.serialize(topic, request);
            }
        }
        try (KafkaConsumer<String, PipelineStatus> status = wait.isZero() ? null : statusConsumer(client)) {
            if (status != null) {
                // From the end as it is now: only what ingest says about this push counts.
                List<TopicPartition> partitions = status.partitionsFor(Topics.PIPELINE_STATUS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                status.assign(partitions);
                status.seekToEnd(partitions);
                partitions.forEach(status::position);
            }
            Map<String, Object> producerConfig = new HashMap<>(client);
            producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "highlights-push");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, request.getVodId(), value))
                        .get(60, TimeUnit.SECONDS);
                out.printf("pushed request %s for VOD %s (%s) to %s-%d@%d%n", request.getRequestId(), request.getVodId(),
                        format, sent.topic(), sent.partition(), sent.offset());
            }
            if (status == null) {
                out.println("follow it with: ./highlights tail --vod " + request.getVodId());
                return 0;
            }
            return awaitOutcome(status, request, wait, out);
        }
    }

    private static int awaitOutcome(KafkaConsumer<String, PipelineStatus> status, VodIngestRequest request,
                                    Duration wait, PrintStream out) {
        // Ingest keys its answer by the request id, else the VOD id (often the same string).
        Set<String> keys = new HashSet<>();
        keys.add(request.getVodId());
        if (request.getRequestId() != null) {
            keys.add(request.getRequestId());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, PipelineStatus> r : status.poll(Duration.ofMillis(250))) {
                PipelineStatus s = r.value();
                if (s == null || !keys.contains(r.key())) {
                    continue;
                }
                if (s.getKind() == StatusKind.ACCEPTED) {
                    out.println("accepted: " + s.getMessage());
                    out.println("follow it with: ./highlights tail --vod " + request.getVodId());
                    return 0;
                }
                if (s.getKind() == StatusKind.ERROR && s.getEventId().startsWith("ingest/rejected/")) {
                    out.println("refused (" + s.getErrorCode() + "): " + s.getMessage());
                    return 1;
                }
            }
        }
        out.println("no answer from ingest within " + wait.toSeconds() + " s: the same request may have been accepted "
                + "before (a repeat changes nothing), or ingest is not running");
        out.println("follow it with: ./highlights tail --vod " + request.getVodId());
        return 0;
    }

    private static KafkaConsumer<String, PipelineStatus> statusConsumer(Map<String, Object> client) {
        Map<String, Object> c = new HashMap<>(client);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "highlights-push-status");
        SpecificAvroDeserializer<PipelineStatus> values = new SpecificAvroDeserializer<>();
        values.configure(c, false);
        return new KafkaConsumer<>(c, new StringDeserializer(), values);
    }

    /** Kafka clients log their whole configuration at INFO: keep the terminal for our output (before slf4j starts). */
    static void quietKafkaLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        }
    }

    /** The request the options describe. */
    static VodIngestRequest request(Map<String, List<String>> options) {
        String video = single(options, "video", null);
        if (video == null) {
            throw new Usage("push needs --video FILE|URI");
        }
        String media = uri(video, "--video");
        String chatOption = single(options, "chat", null);
        String chat = chatOption == null ? null : uri(chatOption, "--chat");
        String channel = single(options, "channel", DEFAULT_CHANNEL);
        String title = single(options, "title", fileName(media));
        boolean live = Boolean.parseBoolean(single(options, "live", "false"));
        String start = single(options, "stream-start-epoch-ms", null);
        Long streamStart;
        try {
            streamStart = start == null ? null : Long.parseLong(start);
        } catch (NumberFormatException e) {
            throw new Usage("--stream-start-epoch-ms takes epoch milliseconds, not " + start);
        }
        String id = single(options, "id", derivedId(channel, media, chat));
        return VodIngestRequest.newBuilder()
                .setRequestId(single(options, "request-id", id))
                .setVodId(id)
                .setChannel(channel)
                .setTitle(title)
                .setMediaUri(media)
                .setChatUri(chat)
                .setChatFormat(single(options, "chat-format", null))
                .setLive(live)
                .setStreamStartEpochMs(streamStart)
                .build();
    }

    /** The request as the JSON value ingest also takes (the POST /api/vods body plus requestId). */
    static byte[] json(VodIngestRequest r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestId", r.getRequestId());
        n.put("id", r.getVodId());
        n.put("channel", r.getChannel());
        n.put("title", r.getTitle());
        n.put("mediaUri", r.getMediaUri());
        if (r.getChatUri() != null) {
            n.put("chatUri", r.getChatUri());
        }
        if (r.getChatFormat() != null) {
            n.put("chatFormat", r.getChatFormat());
        }
        if (r.getLive()) {
            n.put("live", true);
        }
        if (r.getStreamStartEpochMs() != null) {
            n.put("streamStartEpochMs", r.getStreamStartEpochMs());
        }
        return JSON.writeValueAsBytes(n);
    }

    /**
     * Kafka client and registry settings: {@code --config} (a client.properties file), then
     * {@code --bootstrap-servers}, {@code --schema-registry}, then every {@code --property key=value}. Defaults:
     * localhost:9092 and http://localhost:8081. Shared with {@link TailCommand}.
     */
    static Map<String, Object> clientConfig(Map<String, List<String>> options) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        c.put("schema.registry.url", DEFAULT_REGISTRY);
        for (String file : options.getOrDefault("config", List.of())) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new Usage("--config " + file + ": cannot read it (" + e.getMessage() + ")");
            }
            p.stringPropertyNames().forEach(k -> c.put(k, p.getProperty(k)));
        }
        String bootstrap = single(options, "bootstrap-servers", null);
        if (bootstrap != null) {
            c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        String registry = single(options, "schema-registry", null);
        if (registry != null) {
            c.put("schema.registry.url", registry);
        }
        for (String property : options.getOrDefault("property", List.of())) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new Usage("--property takes key=value, not " + property);
            }
            c.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        return c;
    }

    /**
     * The VOD id ingest derives when a request has none ({@code ValidRequest.derivedId}): {@code vod-} + the first 24
     * hex digits of SHA-256 over channel, mediaUri and chatUri, each preceded by its UTF-8 length (4 bytes, big
     * endian). Kept identical to ingest's (a test pins known values).
     */
    static String derivedId(String channel, String mediaUri, String chatUri) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : new String[] {channel.trim(), mediaUri.trim(), chatUri == null ? "" : chatUri.trim()}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                md.update(b);
            }
            return "vod-" + HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file path becomes an absolute {@code file:} URI (it must exist); URIs with a scheme are kept. */
    static String uri(String value, String option) {
        if (value.matches("(?i)^(https?|file):.*")) {
            return URI.create(value).toString();
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new Usage(option + " " + value + ": no such file");
        }
        return file.toUri().toString();
    }

    static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static int integer(Map<String, List<String>> options, String name, int fallback) {
        String v = single(options, name, null);
        try {
            int n = v == null ? fallback : Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Usage("--" + name + " takes a whole number >= 0, not " + v);
        }
    }

    private static String fileName(String uri) {
        String path = URI.create(uri).getPath();
        return path == null || path.isEmpty() || path.endsWith("/") ? uri : path.substring(path.lastIndexOf('/') + 1);
    }
}
