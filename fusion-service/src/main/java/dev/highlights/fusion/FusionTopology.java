package dev.highlights.fusion;

import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodRegistered;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.VodFusionState;
import dev.highlights.schemas.Topic;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import dev.highlights.streams.CommitCachedStore;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * chat-features, audio-scores, video-scores (each a run of seconds per record), pipeline-status and vods
 * (co-partitioned by VOD id) → one fusion processor → highlights and pipeline-status. Built without Quarkus so that a
 * {@code TopologyTestDriver} can drive it.
 */
public final class FusionTopology {
    public static final String STATE_STORE = "fusion-vod-state";
    public static final String PROGRESS_STORE = "fusion-vod-progress";
    static final String PROCESSOR = "fusion";
    static final String HIGHLIGHTS_SINK = "highlights-sink";
    static final String STATUS_SINK = "pipeline-status-sink";

    private FusionTopology() {
    }

    /**
     * @param serdeConfig Avro serde settings ({@code schema.registry.url} and friends)
     * @param tick        how often live VODs are checked for a stalled modality (wall clock)
     */
    public static Topology build(FusionEngine engine, Map<String, ?> serdeConfig, Duration tick) {
        return build(engine, serdeConfig, tick, true, FusionServiceConfig.load(Map.of()).stateIdleExpiry());
    }

    /**
     * @param persistentStores RocksDB under the changelogged stores (the default); in-memory maps otherwise, still
     *                         changelogged and restored on restart (much faster under a {@code TopologyTestDriver},
     *                         which commits after every record)
     * @param stateIdleExpiry  a VOD's state is deleted once no input arrived for it this long
     */
    public static Topology build(FusionEngine engine, Map<String, ?> serdeConfig, Duration tick, boolean persistentStores,
                                 Duration stateIdleExpiry) {
        Topology topology = new Topology();
        String[] sources = {
            source(topology, Topics.CHAT_FEATURES, ChatFeaturesBatch.class, serdeConfig),
            source(topology, Topics.AUDIO_SCORES, AudioScoreBatch.class, serdeConfig),
            source(topology, Topics.VIDEO_SCORES, VideoScoreBatch.class, serdeConfig),
            source(topology, Topics.PIPELINE_STATUS, PipelineStatus.class, serdeConfig),
            source(topology, Topics.VODS, VodRegistered.class, serdeConfig),
        };
        topology.addProcessor(PROCESSOR, () -> new FusionProcessor(engine, tick, stateIdleExpiry), sources);
        // Live objects, encoded into the changelogged RocksDB stores once per commit (not per record).
        topology.addStateStore(CommitCachedStore.builder(STATE_STORE,
                CommitCachedStore.Codec.of(VodFusionState::toBytes, VodFusionState::fromBytes), persistentStores),
                PROCESSOR);
        topology.addStateStore(CommitCachedStore.builder(PROGRESS_STORE,
                CommitCachedStore.Codec.of(VodProgress::toBytes, VodProgress::fromBytes), persistentStores),
                PROCESSOR);
        topology.addSink(HIGHLIGHTS_SINK, Topics.HIGHLIGHTS.name(), Serdes.String().serializer(),
                serde(HighlightEvent.class, serdeConfig).serializer(), PROCESSOR);
        topology.addSink(STATUS_SINK, Topics.PIPELINE_STATUS.name(), Serdes.String().serializer(),
                serde(PipelineStatus.class, serdeConfig).serializer(), PROCESSOR);
        return topology;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> String source(Topology topology, Topic<T> topic, Class<T> type,
                                                            Map<String, ?> config) {
        String name = topic.name() + "-source";
        var deserializer = (org.apache.kafka.common.serialization.Deserializer<SpecificRecord>)
                (org.apache.kafka.common.serialization.Deserializer<?>) serde(type, config).deserializer();
        topology.addSource(name, Serdes.String().deserializer(), deserializer, topic.name());
        return name;
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, Map<String, ?> config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }
}
