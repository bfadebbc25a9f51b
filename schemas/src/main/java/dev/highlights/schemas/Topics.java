package dev.highlights.schemas;

import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatEvent;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.avro.VodRegistered;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic catalogue: every topic of the pipeline, its value type and how it is created.
 * Services and the topic-creation code take names from here and nowhere else.
 */
public final class Topics {

    /** System property with the prefix of every topic name; the environment variable is {@value #PREFIX_ENV}. */
    public static final String PREFIX_PROPERTY = "highlights.topic-prefix";
    public static final String PREFIX_ENV = "HIGHLIGHTS_TOPIC_PREFIX";
    private static final String PREFIX = prefixOf(System.getProperty(PREFIX_PROPERTY, System.getenv(PREFIX_ENV)));

    /** Partitions of the per-VOD event topics; all fusion inputs must have the same count (co-partitioning). */
    public static final int VOD_PARTITIONS = 12;
    /**
     * Partitions of the work-item topic. KEDA's Kafka scaler never runs more workers than partitions,
     * so this is sized for the largest GPU fleet one consumer group should reach.
     */
    public static final int WORK_PARTITIONS = 48;

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    public static final Topic<VodRegistered> VODS = new Topic<>("vods", VodRegistered.class, VOD_PARTITIONS,
            TopicConfig.CLEANUP_POLICY_COMPACT, null, "VODs accepted by ingest, latest registration per VOD id");
    public static final Topic<MediaSegment> MEDIA_SEGMENTS = new Topic<>("media-segments", MediaSegment.class,
            WORK_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "segment work items for the audio and video workers");
    public static final Topic<ChatMessage> CHAT_MESSAGES = new Topic<>("chat-messages", ChatMessage.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "normalized chat messages and end-of-chat markers");
    public static final Topic<ChatFeaturesBatch> CHAT_FEATURES = new Topic<>("chat-features", ChatFeaturesBatch.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "per-second chat features, a run of seconds per record");
    public static final Topic<AudioScoreBatch> AUDIO_SCORES = new Topic<>("audio-scores", AudioScoreBatch.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "per-second audio features and scores, a run of seconds per record");
    public static final Topic<VideoScoreBatch> VIDEO_SCORES = new Topic<>("video-scores", VideoScoreBatch.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "per-second video features and scores, a run of seconds per record");
    public static final Topic<PipelineStatus> PIPELINE_STATUS = new Topic<>("pipeline-status", PipelineStatus.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, MONTH, "progress, completion and errors per VOD and stage");
    public static final Topic<HighlightEvent> HIGHLIGHTS = new Topic<>("highlights", HighlightEvent.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, MONTH, "highlights (with revisions) and end-of-VOD summaries");
    public static final Topic<LiveMediaState> LIVE_MEDIA = new Topic<>("live-media", LiveMediaState.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_COMPACT, null,
            "where ingest stands in each live VOD's media playlist, latest per VOD id");


    /**
     * Public ingest topic: VOD registration requests pushed by clients (the fields of {@code POST /api/vods} plus a
     * request id), Avro or JSON. ingest-service consumes it and does what the REST call does.
     */
    public static final Topic<VodIngestRequest> VOD_REQUESTS = new Topic<>("vod-requests", VodIngestRequest.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "VOD registration requests pushed by clients (Avro or JSON)");
    /**
     * Public ingest topic: live chat pushed by clients (single messages or batches, the normalized chat schema, and
     * the end of a live stream), Avro or JSON. ingest-service consumes it and does what the REST live-chat calls do.
     */
    public static final Topic<ChatEvent> CHAT_EVENTS = new Topic<>("chat-events", ChatEvent.class,
            VOD_PARTITIONS, TopicConfig.CLEANUP_POLICY_DELETE, WEEK, "live chat messages and batches pushed by clients (Avro or JSON)");

    private static final List<Topic<?>> ALL = List.of(VODS, MEDIA_SEGMENTS, CHAT_MESSAGES, CHAT_FEATURES,
            AUDIO_SCORES, VIDEO_SCORES, PIPELINE_STATUS, HIGHLIGHTS, LIVE_MEDIA, VOD_REQUESTS, CHAT_EVENTS);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return ALL;
    }

    /**
     * What this deployment puts in front of every topic name, and of the consumer groups and Kafka Streams
     * application ids of its services, so that two deployments can share a cluster and prefixed ACLs can host one:
     * {@code highlights.topic-prefix} as a system property, else the environment variable
     * {@code HIGHLIGHTS_TOPIC_PREFIX} (the same key in Quarkus config), else none. Read once per process.
     */
    public static String prefix() {
        return PREFIX;
    }

    /** A prefix as given, checked: letters, digits, '.', '_' and '-' only (what Kafka allows in topic names). */
    static String prefixOf(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!value.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalStateException(PREFIX_PROPERTY + " (" + PREFIX_ENV + ") may hold up to 100 letters, digits, "
                    + "'.', '_' and '-', got \"" + value + "\"");
        }
        return value;
    }

    /**
     * Creates every catalogue topic that does not exist yet; existing topics are left as they are.
     *
     * @return the names of the topics created
     */
    public static Set<String> createMissing(Admin admin, short replicationFactor) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get();
            var missing = ALL.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> t.toNewTopic(replicationFactor)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(t -> t.name()).collect(Collectors.toSet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the pipeline topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
