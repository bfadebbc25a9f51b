package dev.highlights.ingest.views;

import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.VodRegistered;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The materialized views of ingest: four global stores, each fed by a processor that folds its topic per VOD.
 * Global stores hold every partition on every replica, so any replica answers for any VOD, and they are
 * rebuilt from the topics (re-running the processors) when their local state is missing: the views survive
 * restarts and need no coordination between replicas. Values are JSON ({@link ViewJson}).
 *
 * <ul>
 *   <li>{@value #VODS_STORE}: vods → {@link VodInfo} (tombstones delete)</li>
 *   <li>{@value #STATUS_STORE}: pipeline-status → {@link VodProgress} ({@link StatusFold}); a VOD is dropped once it
 *       had no record for the retention (the topic no longer holds its records then)</li>
 *   <li>{@value #HIGHLIGHTS_STORE}: highlights → {@link VodHighlights} ({@link HighlightFold}); each change is
 *       also handed to a listener (the SSE streams); dropped after the retention like the status view</li>
 *   <li>{@value #LIVE_MEDIA_STORE}: live-media → the latest {@link dev.highlights.avro.LiveMediaState} per live VOD
 *       (Avro single-object encoding; tombstones delete)</li>
 * </ul>
 */
public final class ViewsTopology {
    public static final String VODS_STORE = "ingest-vods";
    public static final String STATUS_STORE = "ingest-status";
    public static final String HIGHLIGHTS_STORE = "ingest-highlights";
    public static final String LIVE_MEDIA_STORE = "ingest-live-media";

    private ViewsTopology() {
    }

    /**
     * @param serdeConfig Avro serde settings ({@code schema.registry.url} ...)
     * @param persistent  RocksDB stores (checkpointed, fast restarts) or in-memory ones (rebuilt every start)
     * @param retention   how long a VOD's progress and highlights stay after their last record
     * @param clock       the time the retention is measured against
     * @param listener    called with every highlight change, on the global stream thread
     */
    public static Topology build(Map<String, ?> serdeConfig, boolean persistent, Duration retention, Clock clock,
                                 Consumer<HighlightFold.Update> listener) {
        Topology topology = new Topology();
        Deserializer<VodRegistered> vods = deserializer(VodRegistered.class, serdeConfig);
        Deserializer<PipelineStatus> status = deserializer(PipelineStatus.class, serdeConfig);
        Deserializer<HighlightEvent> highlights = deserializer(HighlightEvent.class, serdeConfig);
        topology.addGlobalStore(store(VODS_STORE, persistent), "vods-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.VODS.name(), "vods-view",
                () -> new ViewProcessors.Vods(VODS_STORE, vods));
        topology.addGlobalStore(store(STATUS_STORE, persistent), "status-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.PIPELINE_STATUS.name(), "status-view",
                () -> new ViewProcessors.Status(STATUS_STORE, status, retention, clock));
        topology.addGlobalStore(store(HIGHLIGHTS_STORE, persistent), "highlights-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.HIGHLIGHTS.name(), "highlights-view",
                () -> new ViewProcessors.Highlights(HIGHLIGHTS_STORE, highlights, retention, clock,
                        listener));
        topology.addGlobalStore(store(LIVE_MEDIA_STORE, persistent), "live-media-source",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.LIVE_MEDIA.name(),
                "live-media-view", () -> new ViewProcessors.LiveMedia(LIVE_MEDIA_STORE,
                        deserializer(LiveMediaState.class, serdeConfig)));
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name, boolean persistent) {
        return Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore(name)
                        : Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    private static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type, Map<String, ?> config) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde.deserializer();
    }
}
