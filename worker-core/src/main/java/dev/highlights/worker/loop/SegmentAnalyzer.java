package dev.highlights.worker.loop;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.worker.media.MediaDecodeException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a worker does with one segment work item: per-second records, in media order, handed over in
 * runs of seconds that became ready together (a model batch). Each run goes out as one record on the
 * output topic ({@link #batchOf}), so consumers pay Kafka's per-record cost once per run, and no
 * second waits for a later one.
 *
 * @param <R> the per-second record
 */
public interface SegmentAnalyzer<R extends SpecificRecord> {

    /** The stage the worker reports as (AUDIO, VIDEO). */
    Stage stage();

    /** The topic its records go to. */
    String outputTopic();

    /** The media second a record describes. */
    long secondOf(R record);

    /** The output topic's record for a run of seconds of {@code segment} (not empty, second order). */
    SpecificRecord batchOf(MediaSegment segment, List<R> seconds);

    /**
     * Emits the records of the segment's own seconds (not its pre-roll), in runs, as soon as each run is
     * ready. Must be deterministic: a redelivered segment emits identical records (the runs may split
     * differently). Media problems are {@link MediaDecodeException}s.
     */
    void analyze(MediaSegment segment, Consumer<List<R>> out) throws MediaDecodeException;
}
