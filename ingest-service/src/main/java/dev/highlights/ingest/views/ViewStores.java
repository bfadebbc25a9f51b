package dev.highlights.ingest.views;

import dev.highlights.avro.LiveMediaState;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
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

    /**
     * Where ingest stands in the live VOD's media playlist, as the last replica that followed it wrote. Answers only
     * once Kafka Streams runs: before, a global store can be queried while it is still being restored, and an answer
     * of "nothing yet" would start the follow over.
     */
    public Optional<LiveMediaState> liveMedia(String vodId) {
        if (!ready()) {
            throw new IngestException(ProblemKind.UNAVAILABLE, "VIEWS_LOADING",
                    "the views are still loading (Kafka Streams is " + streams.state() + "); retry in a few seconds");
        }
        return bytes(ViewsTopology.LIVE_MEDIA_STORE, vodId).map(ViewStores::decode);
    }

    /**
     * The stored form of a live media state: Avro's single-object encoding (no registry needed to read it back), with
     * a model on the record class's own loader (the generated static one may resolve it on another, as in tests).
     */
    private static final SpecificData LIVE_MEDIA_MODEL = new SpecificData(LiveMediaState.class.getClassLoader());
    private static final BinaryMessageEncoder<LiveMediaState> LIVE_MEDIA_ENCODER =
            new BinaryMessageEncoder<>(LIVE_MEDIA_MODEL, LiveMediaState.getClassSchema());
    private static final BinaryMessageDecoder<LiveMediaState> LIVE_MEDIA_DECODER =
            new BinaryMessageDecoder<>(LIVE_MEDIA_MODEL, LiveMediaState.getClassSchema());

    static byte[] encode(LiveMediaState state) {
        try {
            ByteBuffer buffer = LIVE_MEDIA_ENCODER.encode(state);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LiveMediaState decode(byte[] bytes) {
        try {
            return LIVE_MEDIA_DECODER.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the stores can be queried (the global stores are restored and Kafka Streams runs). */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private <T> Optional<T> read(String storeName, String key, Class<T> type) {
        return bytes(storeName, key).map(b -> ViewJson.read(b, type));
    }

    private Optional<byte[]> bytes(String storeName, String key) {
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
        return Optional.ofNullable(bytes);
    }
}
