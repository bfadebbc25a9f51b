package dev.highlights.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.VodIds;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./highlights push}: a thin Kafka producer for the public ingest topic {@code vod-requests}, usable against
 * any broker and registry (the usual client properties), then waits for ingest's answer on {@code pipeline-status}.
 * The VOD id is {@code --id}, else derived exactly as ingest derives it (so the same push twice is the same
 * request, and {@code tail --vod ID} knows what to follow). Files become {@code file:} URIs: they must lie under
 * ingest's media roots. Exit status: 0 accepted (or sent, with {@code --wait-seconds 0}), 1 refused or failed,
 * 2 bad usage.
 */
@Command(name = "push", description = "send a VOD request to the vod-requests topic of any broker")
public final class PushCommand implements Callable<Integer> {
    static final String DEFAULT_CHANNEL = "cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value's encoding on the topic (named as typed on the command line). */
    enum Format { avro, json }

    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--video", required = true, paramLabel = "FILE|URI",
            description = "the VOD (file, http(s) or file: URI)")
    private String video;

    @Option(names = "--chat", paramLabel = "FILE|URI", description = "its chat export")
    private String chat;

    @Option(names = "--chat-format", paramLabel = "NAME",
            description = "the chat's format (default: detected by ingest)")
    private String chatFormat;

    @Option(names = "--id", paramLabel = "VOD_ID", description = "the VOD id (default: derived as ingest derives it)")
    private String id;

    @Option(names = "--channel", paramLabel = "NAME", defaultValue = DEFAULT_CHANNEL,
            description = "the channel (default: ${DEFAULT-VALUE})")
    private String channel;

    @Option(names = "--title", paramLabel = "TEXT", description = "the title (default: the file name)")
    private String title;

    @Option(names = "--live", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "a live stream still being written")
    private boolean live;

    @Option(names = "--stream-start-epoch-ms", paramLabel = "MS",
            description = "when the live stream started (default with --chat-channel: now)")
    private Long streamStartEpochMs;

    @Option(names = "--chat-channel", paramLabel = "NAME|URI",
            description = "with --live: the Twitch channel whose chat ingest reads as it airs, or an irc(s):// URI")
    private String chatChannel;

    @Option(names = "--request-id", paramLabel = "ID", description = "the request id (default: the VOD id)")
    private String requestId;

    @Option(names = "--format", paramLabel = "avro|json", defaultValue = "avro",
            description = "the value's encoding (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--wait-seconds", paramLabel = "N", defaultValue = "30",
            description = "how long to wait for ingest's answer (default: ${DEFAULT-VALUE}; 0: do not wait)")
    private int waitSeconds;

    @Mixin
    private KafkaClientOptions client;

    @Override
    public Integer call() throws Exception {
        quietKafkaLogs();
        if (waitSeconds < 0) {
            throw new UsageException("--wait-seconds takes a whole number >= 0, not " + waitSeconds);
        }
        return push(request(), client.config(), format, Duration.ofSeconds(waitSeconds), cli.out());
    }

    static int push(VodIngestRequest request, Map<String, Object> client, Format format, Duration wait,
                    PrintStream out) throws Exception {
        String topic = Topics.VOD_REQUESTS.name();
        byte[] value;
        if (format == Format.json) {
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
    VodIngestRequest request() {
        String media = uri(video, "--video");
        if (chatChannel != null && (!live || chat != null)) {
            throw new UsageException(chat != null ? "--chat and --chat-channel exclude each other"
                    : "--chat-channel reads a live stream's chat: add --live");
        }
        String chatUri = chatChannel != null ? RunCommand.channelUri(chatChannel).toString()
                : chat == null ? null : uri(chat, "--chat");
        if (chatChannel != null && streamStartEpochMs == null) {
            streamStartEpochMs = System.currentTimeMillis(); // channel chat is dated from the stream start
        }
        String vodId = id != null ? id : VodIds.derive(channel, media, chatUri);
        return VodIngestRequest.newBuilder()
                .setRequestId(requestId != null ? requestId : vodId)
                .setVodId(vodId)
                .setChannel(channel)
                .setTitle(title != null ? title : fileName(media))
                .setMediaUri(media)
                .setChatUri(chatUri)
                .setChatFormat(chatFormat)
                .setLive(live)
                .setStreamStartEpochMs(streamStartEpochMs)
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

    /** A file path becomes an absolute {@code file:} URI (it must exist); URIs with a scheme are kept. */
    static String uri(String value, String option) {
        if (value.matches("(?i)^(https?|file):.*")) {
            return URI.create(value).toString();
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + value + ": no such file");
        }
        return file.toUri().toString();
    }

    private static String fileName(String uri) {
        String path = URI.create(uri).getPath();
        return path == null || path.isEmpty() || path.endsWith("/") ? uri : path.substring(path.lastIndexOf('/') + 1);
    }
}
