package dev.highlights.worker.batch;

import dev.highlights.worker.onnx.FloatBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Groups per-second model inputs into batches of up to {@link FloatBatch#maxRows()} seconds so that
 * many seconds go through one {@code run}. Each added second is copied into the next row of a reusable
 * {@link FloatBatch}, together with a caller item (the second, its features...); a full batch is
 * handed to the handler at once, a partial one on {@link #flush()}.
 *
 * <p>Memory is bounded by the batch: the handler runs on the adding thread, so a slow model slows
 * the decoder instead of piling up seconds. Not thread-safe (one per segment).
 *
 * @param <T> what travels with each row
 */
public final class PerSecondBatcher<T> {

    /** Receives a batch: rows {@code 0..items.size()-1} of {@code batch} match {@code items}. */
    @FunctionalInterface
    public interface BatchHandler<T> {
        void onBatch(FloatBatch batch, List<T> items);
    }

    private final FloatBatch batch;
    private final BatchHandler<T> handler;
    private final List<T> items;
    private int batches;

    public PerSecondBatcher(FloatBatch batch, BatchHandler<T> handler) {
        this.batch = batch;
        this.handler = handler;
        this.items = new ArrayList<>(batch.maxRows());
    }

    /** Adds one second: {@code len} floats of {@code row} (rest of the row zero) and its item. */
    public void add(float[] row, int offset, int len, T item) {
        batch.putRow(items.size(), row, offset, len);
        items.add(item);
        if (items.size() == batch.maxRows()) {
            flush();
        }
    }

    /** Hands over the pending partial batch, if any. */
    public void flush() {
        if (items.isEmpty()) {
            return;
        }
        List<T> view = Collections.unmodifiableList(new ArrayList<>(items));
        items.clear();
        batches++;
        handler.onBatch(batch, view);
    }

    /** Seconds added but not yet handed over. */
    public int pending() {
        return items.size();
    }

    /** Batches handed over so far. */
    public int batches() {
        return batches;
    }

    public int batchSize() {
        return batch.maxRows();
    }
}
