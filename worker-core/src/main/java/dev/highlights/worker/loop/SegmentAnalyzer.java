package dev.highlights.worker.loop;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.worker.media.MediaDecodeException;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/** What a worker does with one segment work item: per-second records, in media order. */
public interface SegmentAnalyzer<R extends SpecificRecord> {

    /** The stage the worker reports as (AUDIO, VIDEO). */
    Stage stage();

    /** The topic its records go to. */
    String outputTopic();

    /** The media second a record describes. */
    long secondOf(R record);

    /**
     * Emits the records of the segment's own seconds (not its pre-roll). Must be deterministic: a
     * redelivered segment emits identical records. Media problems are {@link MediaDecodeException}s.
     */
    void analyze(MediaSegment segment, Consumer<R> out) throws MediaDecodeException;
}
