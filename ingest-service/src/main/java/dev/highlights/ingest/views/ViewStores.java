package dev.highlights.ingest.views;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries on the global view stores of this replica. */
@ApplicationScoped
public class ViewStores {

    @Inject
    KafkaStreams streams;

    public Optional<VodInfo> vod(String vodId) {
        return read(ViewsTopology.VODS_STORE, vodId, VodInfo.class);
    }

    public Optional<VodProgress> progress(String vodId) {
        return read(ViewsTopology.STATUS_STORE, vodId, VodProgress.class);
    }

    public Optional<VodHighlights> highlights(String vodId) {
        return read(ViewsTopology.HIGHLIGHTS_STORE, vodId, VodHighlights.class);
    }

    /** True once the stores can be queried (the global stores are restored and Kafka Streams runs). */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private <T> Optional<T> read(String storeName, String key, Class<T> type) {
        byte[] bytes;
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            bytes = store.get(key);
        } catch (InvalidStateStoreException e) {
            throw new IngestException(ProblemKind.UNAVAILABLE, "VIEWS_LOADING",
                    "the status and highlight views are still loading (Kafka Streams is " + streams.state()
                            + "); retry in a few seconds");
        }
        return bytes == null ? Optional.empty() : Optional.of(ViewJson.read(bytes, type));
    }
}
