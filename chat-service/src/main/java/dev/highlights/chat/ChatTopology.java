package dev.highlights.chat;

import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import dev.highlights.streams.CommitCachedStore;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * chat-messages → per-VOD chat state → chat-features (a run of seconds per record) and pipeline-status. Built
 * here without Quarkus so that a {@code TopologyTestDriver} can drive it.
 */
public final class ChatTopology {
    public static final String STATE_STORE = "chat-vod-state";
    /** Per VOD, when its last message arrived (wall clock, written at most once a minute): what idle expiry reads. */
    public static final String LAST_INPUT_STORE = "chat-vod-last-input";
    public static final String PENDING_STORE = "chat-features-pending";
    /** The service's defaults: see {@code chat.features-emit-interval} and {@code chat.features-max-run}. */
    public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofMillis(100);
    public static final int DEFAULT_MAX_RUN = 300;
    static final String SOURCE = "chat-messages-source";
    static final String PROCESSOR = "chat-features";
    static final String FEATURES_SINK = "chat-features-sink";
    static final String STATUS_SINK = "pipeline-status-sink";

    private ChatTopology() {
    }

    /** With the service's default emission: the seconds closed within 100 ms in one record, at most 300. */
    public static Topology build(ChatFeatureEngine engine, Map<String, ?> serdeConfig, Duration stateIdleExpiry) {
        return build(engine, serdeConfig, stateIdleExpiry, DEFAULT_EMIT_INTERVAL, DEFAULT_MAX_RUN);
    }

    /**
     * @param serdeConfig the Avro serde settings ({@code schema.registry.url} and friends)
     * @param stateIdleExpiry how long a VOD's state is kept after its last message, ended or not (the input retention)
     * @param emitInterval   how long closed seconds wait (wall clock) to go out with later ones in one record; zero
     *                       sends each message's closed seconds at once
     * @param maxRun         the most seconds in one chat-features record
     */
    public static Topology build(ChatFeatureEngine engine, Map<String, ?> serdeConfig, Duration stateIdleExpiry,
                                 Duration emitInterval, int maxRun) {
        if (emitInterval.isNegative() || maxRun < 1) {
            throw new IllegalArgumentException("emitInterval must be >= 0 and maxRun >= 1, got " + emitInterval
                    + " and " + maxRun);
        }
        SpecificAvroSerde<ChatMessage> messages = serde(ChatMessage.class, serdeConfig);
        SpecificAvroSerde<ChatFeaturesBatch> features = serde(ChatFeaturesBatch.class, serdeConfig);
        SpecificAvroSerde<PipelineStatus> status = serde(PipelineStatus.class, serdeConfig);

        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), messages.deserializer(), Topics.CHAT_MESSAGES.name());
        topology.addProcessor(PROCESSOR, () -> new ChatFeaturesProcessor(engine, stateIdleExpiry, emitInterval, maxRun),
                SOURCE);
        // Live objects, encoded into the changelogged RocksDB store once per commit (not per message).
        topology.addStateStore(CommitCachedStore.builder(STATE_STORE,
                CommitCachedStore.Codec.of(VodChatState::toBytes, VodChatState::fromBytes), true), PROCESSOR);
        // Features waiting for the next emission; usually empty (a key is deleted when its run is sent). Encoded as on
        // the topic (schema id from the registry), so a restore after an upgrade that evolved the schema still reads them.
        String featuresTopic = Topics.CHAT_FEATURES.name();
        topology.addStateStore(CommitCachedStore.builder(PENDING_STORE, CommitCachedStore.Codec.of(
                run -> features.serializer().serialize(featuresTopic, run),
                bytes -> features.deserializer().deserialize(featuresTopic, bytes)), true), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_INPUT_STORE),
                Serdes.String(), Serdes.Long()), PROCESSOR);
        topology.addSink(FEATURES_SINK, Topics.CHAT_FEATURES.name(), Serdes.String().serializer(),
                features.serializer(), PROCESSOR);
        topology.addSink(STATUS_SINK, Topics.PIPELINE_STATUS.name(), Serdes.String().serializer(),
                status.serializer(), PROCESSOR);
        return topology;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type,
                                                                                                  Map<String, ?> config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }
}
