package dev.highlights.ingest.views;

import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.VodRegistered;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
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

    /** Shared plumbing: store lookup, safe decoding, and dropping VODs whose records the topic no longer holds. */
    abstract static class Base<V extends SpecificRecord> implements Processor<String, byte[], Void, Void> {
        /** How often the store is searched for expired VODs (global processors cannot schedule: records drive it). */
        static final long SWEEP_EVERY_MS = Duration.ofMinutes(10).toMillis();

        private final String storeName;
        private final Deserializer<V> deserializer;
        private final Class<? extends Dated> stored;
        private final Duration retention;
        private final Clock clock;
        protected KeyValueStore<String, byte[]> store;
        private ProcessorContext<Void, Void> context;
        private long nextSweepMs;

        /**
         * @param stored    the type of the stored values, when they expire
         * @param retention how long a VOD is kept after its last record; null: as long as its topic keeps it
         */
        Base(String storeName, Deserializer<V> deserializer, Class<? extends Dated> stored, Duration retention,
             Clock clock) {
            this.storeName = storeName;
            this.deserializer = deserializer;
            this.stored = stored;
            this.retention = retention;
            this.clock = clock;
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
                fold(key, value, record.timestamp());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not fold the record for %s from %s into %s", key, topic(), storeName);
            }
            sweep(clock.millis());
        }

        /**
         * Deletes the VODs without a record for {@code retention}: the topic has dropped their records by then, so a
         * replica rebuilt from it would not have them either, and a stream that never ends cannot grow the store.
         */
        private void sweep(long nowMs) {
            if (retention == null || nowMs < nextSweepMs) {
                return;
            }
            nextSweepMs = nowMs + SWEEP_EVERY_MS;
            long before = nowMs - retention.toMillis();
            List<String> expired = new ArrayList<>();
            List<KeyValue<String, byte[]>> undated = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, byte[]> entry = all.next();
                    long last = ViewJson.read(entry.value, stored).lastInputMs();
                    if (last == 0) {
                        undated.add(entry); // written before the views kept the time: its retention starts now
                    } else if (last < before) {
                        expired.add(entry.key);
                    }
                }
            }
            expired.forEach(store::delete);
            for (KeyValue<String, byte[]> entry : undated) {
                Dated value = ViewJson.read(entry.value, stored);
                value.lastInputMs(nowMs);
                store.put(entry.key, ViewJson.write(value));
            }
            if (!expired.isEmpty()) {
                LOG.infof("Dropped %d VODs from %s: no record for %s", expired.size(), storeName, retention);
            }
        }

        private String topic() {
            return context.recordMetadata().map(m -> m.topic()).orElse(storeName);
        }

        /** {@code value} is null for a tombstone; {@code timestampMs} is the record's. */
        abstract void fold(String key, V value, long timestampMs);
    }


    static final class Vods extends Base<VodRegistered> {
        /** Registrations follow their compacted topic: a tombstone deletes one. */
        Vods(String store, Deserializer<VodRegistered> d) {
            super(store, d, null, null, Clock.systemUTC());
        }

        @Override
        void fold(String key, VodRegistered value, long timestampMs) {
            if (value == null) {
                store.delete(key);
            } else {
                store.put(key, ViewJson.write(VodInfo.of(value)));
            }
        }
    }

    static final class Status extends Base<PipelineStatus> {
        Status(String store, Deserializer<PipelineStatus> d, Duration retention, Clock clock) {
            super(store, d, VodProgress.class, retention, clock);
        }

        @Override
        void fold(String key, PipelineStatus value, long timestampMs) {
            if (value == null) {
                return;
            }
            byte[] stored = store.get(key);
            VodProgress progress = stored == null ? new VodProgress(key) : ViewJson.read(stored, VodProgress.class);
            boolean changed = StatusFold.apply(progress, value);
            if (progress.touch(timestampMs) || changed) {
                store.put(key, ViewJson.write(progress));
            }
        }
    }

    static final class Highlights extends Base<HighlightEvent> {
        private final Consumer<HighlightFold.Update> listener;

        Highlights(String store, Deserializer<HighlightEvent> d, Duration retention, Clock clock,
                   Consumer<HighlightFold.Update> listener) {
            super(store, d, VodHighlights.class, retention, clock);
            this.listener = listener;
        }

        @Override
        void fold(String key, HighlightEvent value, long timestampMs) {
            if (value == null) {
                return;
            }
            byte[] stored = store.get(key);
            VodHighlights state = stored == null ? new VodHighlights(key) : ViewJson.read(stored, VodHighlights.class);
            Optional<HighlightFold.Update> update = HighlightFold.apply(state, value);
            if (state.touch(timestampMs) || update.isPresent()) {
                store.put(key, ViewJson.write(state));
            }
            if (update.isPresent()) {
                try {
                    listener.accept(update.get());
                } catch (RuntimeException e) {
                    LOG.warnf("A highlight listener failed: %s", e.toString());
                }
            }
        }
    }

    static final class LiveMedia extends Base<LiveMediaState> {
        /** The latest state per VOD, as its compacted topic keeps it; a tombstone deletes it. */
        LiveMedia(String store, Deserializer<LiveMediaState> d) {
            super(store, d, null, null, Clock.systemUTC());
        }

        @Override
        void fold(String key, LiveMediaState value, long timestampMs) {
            if (value == null) {
                store.delete(key);
            } else {
                store.put(key, ViewStores.encode(value));
            }
        }
    }
}
