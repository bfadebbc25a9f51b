package dev.highlights.worker.testing;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;

/** A test analyzer that reports as the AUDIO stage and writes {@link AudioScore}s to {@code audio-scores}. */
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
}
