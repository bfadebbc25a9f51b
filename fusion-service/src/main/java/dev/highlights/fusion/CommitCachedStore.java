package dev.highlights.fusion;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A changelogged key-value store of live objects that are encoded only when Kafka Streams commits.
 *
 * <p>The processor reads and mutates the objects in memory and calls {@link #put} after changing one (a map
 * insertion). Kafka Streams flushes every store of a task before it commits the task's offsets (under exactly_once_v2,
 * before the transaction that carries the outputs, the changelog records and the input offsets commits):
 * {@link #flush()} then encodes each object put since the last flush once and writes it to the persistent, changelogged
 * store underneath, in the same transaction. So the changelog holds one record per changed key per commit instead of
 * one per input record, and nothing is encoded per record, while the changelog still matches the committed offsets
 * exactly: a crash or a dirty close drops the cache, and the store is restored to the last commit like any store.
 *
 * <p>Objects put since the last flush are held until it; clean ones stay cached as decoded objects (dropped all at
 * once past {@code maxCached} keys, to bound memory when a task holds very many keys).
 */
final class CommitCachedStore<V> implements StateStore {

    /** Encodes and decodes the objects; the bytes are what the changelog holds. */
    interface Codec<V> {
        byte[] encode(V value);

        V decode(byte[] bytes);
    }

    static final int DEFAULT_MAX_CACHED = 10_000;

    private final KeyValueStore<String, byte[]> inner;
    private final Codec<V> codec;
    private final int maxCached;
    private final Map<String, V> cache = new HashMap<>();
    /** Keys put or deleted since the last flush, in order (a deleted key has no cache entry). */
    private final Set<String> dirty = new LinkedHashSet<>();

    CommitCachedStore(KeyValueStore<String, byte[]> inner, Codec<V> codec, int maxCached) {
        this.inner = inner;
        this.codec = codec;
        this.maxCached = maxCached;
    }

    /** A builder of a changelogged store of objects over RocksDB ({@code persistent}) or an in-memory map. */
    static <V> StoreBuilder<CommitCachedStore<V>> builder(String name, Codec<V> codec, boolean persistent) {
        return new Builder<>(Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray()), codec, DEFAULT_MAX_CACHED);
    }

    /** The object for the key, or null. The caller may mutate it, then must {@link #put} it. */
    V get(String key) {
        V value = cache.get(key);
        if (value != null || dirty.contains(key)) {
            return value;
        }
        byte[] stored = inner.get(key);
        if (stored == null) {
            return null;
        }
        value = codec.decode(stored);
        cache.put(key, value);
        return value;
    }

    /** Marks the object as changed; it is encoded and written at the next flush (commit). */
    void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        cache.put(key, value);
        dirty.add(key);
    }

    void delete(String key) {
        cache.remove(key);
        dirty.add(key);
    }

    /** Every key and object (pending changes first written through). */
    void forEach(BiConsumer<String, V> action) {
        writeDirty();
        try (KeyValueIterator<String, byte[]> all = inner.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                V cached = cache.get(entry.key);
                action.accept(entry.key, cached != null ? cached : codec.decode(entry.value));
            }
        }
    }

    private void writeDirty() {
        for (String key : dirty) {
            V value = cache.get(key);
            if (value == null) {
                inner.delete(key);
            } else {
                inner.put(key, codec.encode(value));
            }
        }
        dirty.clear();
    }

    @Override
    public void flush() {
        writeDirty();
        if (cache.size() > maxCached) {
            cache.clear(); // all clean now
        }
        inner.flush();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        cache.clear();
        dirty.clear();
        inner.init(context, root);
    }

    @Override
    public void close() {
        // A clean close was preceded by a flush; a dirty one must forget what was not committed.
        cache.clear();
        dirty.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    private static final class Builder<V> implements StoreBuilder<CommitCachedStore<V>> {
        private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
        private final Codec<V> codec;
        private final int maxCached;

        Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner, Codec<V> codec, int maxCached) {
            this.inner = inner;
            this.codec = codec;
            this.maxCached = maxCached;
        }

        @Override
        public StoreBuilder<CommitCachedStore<V>> withCachingEnabled() {
            return this; // this store is its own cache; Kafka's byte cache under it would only copy
        }

        @Override
        public StoreBuilder<CommitCachedStore<V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitCachedStore<V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<CommitCachedStore<V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public CommitCachedStore<V> build() {
            return new CommitCachedStore<>(inner.build(), codec, maxCached);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
