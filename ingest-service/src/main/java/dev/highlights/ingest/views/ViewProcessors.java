package dev.highlights.ingest.views;

import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.VodRegistered;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The global-store processors: each reads raw bytes (so an unreadable record is logged and skipped here, never
 * stops the global thread), decodes the Avro value and folds it into its store. They also run when a store is
 * rebuilt from its topic at start-up, so the fold is the only way values get into the stores.
 */
final class ViewProcessors {
    private static final Logger LOG = Logger.getLogger(ViewProcessors.class);

    private ViewProcessors() {
    }

    /** Shared plumbing: store lookup and safe decoding. */
    abstract static class Base<V extends SpecificRecord> implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private final Deserializer<V> deserializer;
        protected KeyValueStore<String, byte[]> store;
        private ProcessorContext<Void, Void> context;

        Base(String storeName, Deserializer<V> deserializer) {
            this.storeName = storeName;
            this.deserializer = deserializer;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String key = record.key();
            if (key == null || key.isEmpty()) {
                return;
            }
            V value = null;
            if (record.value() != null) {
                try {
                    value = deserializer.deserialize(topic(), record.value());
                } catch (RuntimeException e) {
                    LOG.warnf("Skipping unreadable record for %s in %s: %s", key, topic(), e.getMessage());
                    return;
                }
            }
            try {
                fold(key, value);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not fold the record for %s from %s into %s", key, topic(), storeName);
            }
        }

        private String topic() {
            return context.recordMetadata().map(m -> m.topic()).orElse(storeName);
        }

        /** {@code value} is null for a tombstone. */
        abstract void fold(String key, V value);
    }

    static final class Vods extends Base<VodRegistered> {
        Vods(String store, Deserializer<VodRegistered> d) {
            super(store, d);
        }

        @Override
        void fold(String key, VodRegistered value) {
            if (value == null) {
                store.delete(key);
            } else {
                store.put(key, ViewJson.write(VodInfo.of(value)));
            }
        }
    }

    static final class Status extends Base<PipelineStatus> {
        Status(String store, Deserializer<PipelineStatus> d) {
            super(store, d);
        }

        @Override
        void fold(String key, PipelineStatus value) {
            if (value == null) {
                return;
            }
            byte[] stored = store.get(key);
            VodProgress progress = stored == null ? new VodProgress(key) : ViewJson.read(stored, VodProgress.class);
            if (StatusFold.apply(progress, value)) {
                store.put(key, ViewJson.write(progress));
            }
        }
    }

    static final class Highlights extends Base<HighlightEvent> {
        private final Consumer<HighlightFold.Update> listener;

        Highlights(String store, Deserializer<HighlightEvent> d, Consumer<HighlightFold.Update> listener) {
            super(store, d);
            this.listener = listener;
        }

        @Override
        void fold(String key, HighlightEvent value) {
            if (value == null) {
                return;
            }
            byte[] stored = store.get(key);
            VodHighlights state = stored == null ? new VodHighlights(key) : ViewJson.read(stored, VodHighlights.class);
            Optional<HighlightFold.Update> update = HighlightFold.apply(state, value);
            if (update.isPresent()) {
                store.put(key, ViewJson.write(state));
                try {
                    listener.accept(update.get());
                } catch (RuntimeException e) {
                    LOG.warnf("A highlight listener failed: %s", e.toString());
                }
            }
        }
    }
}
