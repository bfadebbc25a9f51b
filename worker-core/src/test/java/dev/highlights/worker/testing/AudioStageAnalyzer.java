package dev.highlights.worker.testing;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** A test analyzer that reports as the AUDIO stage and writes {@link AudioScore}s to {@code audio-scores}, a run per record. */
public abstract class AudioStageAnalyzer implements SegmentAnalyzer<AudioScore> {
    @Override
    public Stage stage() {
        return Stage.AUDIO;
    }

    @Override
    public String outputTopic() {
        return Topics.AUDIO_SCORES.name();
    }

    @Override
    public long secondOf(AudioScore record) {
        return record.getSecond();
    }

    @Override
    public SpecificRecord batchOf(MediaSegment segment, List<AudioScore> seconds) {
        return AudioScoreBatch.newBuilder().setVodId(segment.getVodId()).setSegmentIndex(segment.getIndex())
                .setScores(seconds).build();
    }
}
