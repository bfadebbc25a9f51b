package dev.highlights.streams;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A changelogged key-value store of live objects that are encoded only when Kafka Streams commits.
 *
 * <p>The processor reads and mutates the objects in memory and calls {@link #put} after changing one (a map
 * insertion). Before Kafka Streams commits a task (under exactly_once_v2, before the transaction that carries the
 * outputs, the changelog records and the input offsets commits) it flushes the caches of the task's stores: Kafka 4.1's
 * {@code StreamTask.prepareCommit} calls {@code ProcessorStateManager.flushCache()}, which reaches only stores that
 * implement the internal {@link CachedStateStore} interface (as Kafka's own caching layer does); {@code flush()} runs
 * only at checkpoints. {@link #flushCache()} then encodes each object put since the last commit once and writes it to
 * the persistent, changelogged store underneath, in the same transaction; {@link #clearCache()}, called when a task is
 * closed dirty or revived, drops what was not committed. So the changelog holds one record per changed key per commit instead of
 * one per input record, and nothing is encoded per record, while the changelog still matches the committed offsets
 * exactly: a crash or a dirty close drops the cache, and the store is restored to the last commit like any store.
 *
 * <p>Objects put since the last flush are held until it; clean ones stay cached as decoded objects (dropped all at
 * once past {@code maxCached} keys, to bound memory when a task holds very many keys).
 */
public final class CommitCachedStore<V> implements StateStore, CachedStateStore<String, V> {

    /** Encodes and decodes the objects; the bytes are what the changelog holds. */
    public interface Codec<V> {
        byte[] encode(V value);

        V decode(byte[] bytes);

        static <V> Codec<V> of(java.util.function.Function<V, byte[]> encoder,
                               java.util.function.Function<byte[], V> decoder) {
            return new Codec<>() {
                @Override
                public byte[] encode(V value) {
                    return encoder.apply(value);
                }

                @Override
                public V decode(byte[] bytes) {
                    return decoder.apply(bytes);
                }
            };
        }
    }

    public static final int DEFAULT_MAX_CACHED = 10_000;

    private final KeyValueStore<String, byte[]> inner;
    private final Codec<V> codec;
    private final int maxCached;
    private final Map<String, V> cache = new HashMap<>();
    /** Keys put or deleted since the last flush, in order (a deleted key has no cache entry). */
    private final Set<String> dirty = new LinkedHashSet<>();
    /**
     * The changelogging layer stamps each write with the current record's context, which Kafka Streams clears outside
     * processing (e.g. when a commit runs at close). As Kafka's own caching store does, the writes at flush run under
     * the context of the last record that put something.
     */
    private InternalProcessorContext<?, ?> context;
    private ProcessorRecordContext lastPutContext;

    CommitCachedStore(KeyValueStore<String, byte[]> inner, Codec<V> codec, int maxCached) {
        this.inner = inner;
        this.codec = codec;
        this.maxCached = maxCached;
    }

    /** A builder of a changelogged store of objects over RocksDB ({@code persistent}) or an in-memory map. */
    public static <V> StoreBuilder<CommitCachedStore<V>> builder(String name, Codec<V> codec, boolean persistent) {
        return new Builder<>(Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray()), codec, DEFAULT_MAX_CACHED);
    }

    /** The object for the key, or null. The caller may mutate it, then must {@link #put} it. */
    public V get(String key) {
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
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        cache.put(key, value);
        dirty.add(key);
        rememberContext();
    }

    public void delete(String key) {
        cache.remove(key);
        dirty.add(key);
        rememberContext();
    }

    private void rememberContext() {
        if (context != null && context.recordContext() != null) {
            lastPutContext = context.recordContext();
        }
    }

    /** Every key and object (pending changes first written through). */
    public void forEach(BiConsumer<String, V> action) {
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
        if (dirty.isEmpty()) {
            return;
        }
        ProcessorRecordContext current = context != null ? context.recordContext() : null;
        if (context != null) {
            context.setRecordContext(lastPutContext != null ? lastPutContext
                    : new ProcessorRecordContext(System.currentTimeMillis(), -1, -1, null, new RecordHeaders()));
        }
        try {
            for (String key : dirty) {
                V value = cache.get(key);
                if (value == null) {
                    inner.delete(key);
                } else {
                    inner.put(key, codec.encode(value));
                }
            }
            dirty.clear();
        } finally {
            if (context != null) {
                context.setRecordContext(current);
            }
        }
    }

    @Override
    public void flushCache() {
        writeDirty();
        if (cache.size() > maxCached) {
            cache.clear(); // all clean now
        }
    }

    @Override
    public void clearCache() {
        cache.clear();
        dirty.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false; // nothing downstream listens to this store
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
        lastPutContext = null;
        this.context = context instanceof InternalProcessorContext<?, ?> internal ? internal : null;
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
