package dev.highlights.chat;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import dev.highlights.schemas.streams.CommitCachedStore;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * chat-messages → per-VOD chat state → chat-features and pipeline-status. Built here without
 * Quarkus so that a {@code TopologyTestDriver} can drive it.
 */
public final class ChatTopology {
    public static final String STATE_STORE = "chat-vod-state";
    public static final String ENDED_STORE = "chat-vod-ended";
    static final String SOURCE = "chat-messages-source";
    static final String PROCESSOR = "chat-features";
    static final String FEATURES_SINK = "chat-features-sink";
    static final String STATUS_SINK = "pipeline-status-sink";

    private ChatTopology() {
    }

    /**
     * @param serdeConfig the Avro serde settings ({@code schema.registry.url} and friends)
     * @param endedRetention how long an ended VOD's state is kept to absorb replays (the input retention)
     */
    public static Topology build(ChatFeatureEngine engine, Map<String, ?> serdeConfig, Duration endedRetention) {
        SpecificAvroSerde<ChatMessage> messages = serde(ChatMessage.class, serdeConfig);
        SpecificAvroSerde<ChatFeatures> features = serde(ChatFeatures.class, serdeConfig);
        SpecificAvroSerde<PipelineStatus> status = serde(PipelineStatus.class, serdeConfig);

        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), messages.deserializer(), Topics.CHAT_MESSAGES.name());
        topology.addProcessor(PROCESSOR, () -> new ChatFeaturesProcessor(engine, endedRetention), SOURCE);
        // Live objects, encoded into the changelogged RocksDB store once per commit (not per message).
        topology.addStateStore(CommitCachedStore.builder(STATE_STORE,
                CommitCachedStore.Codec.of(VodChatState::toBytes, VodChatState::fromBytes), true), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENDED_STORE),
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
