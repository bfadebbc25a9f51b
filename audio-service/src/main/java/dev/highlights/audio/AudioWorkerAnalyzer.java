package dev.highlights.audio;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.media.MediaDecodeException;
import java.util.function.Consumer;

/**
 * Plugs {@link AudioSegmentAnalyzer} into worker-core's segment loop
 * ({@link dev.highlights.worker.loop.SegmentWorker}): stage AUDIO, records to {@code audio-scores}.
 */
public final class AudioWorkerAnalyzer implements SegmentAnalyzer<AudioScore> {
    private final AudioSegmentAnalyzer analyzer;

    public AudioWorkerAnalyzer(AudioSegmentAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    public AudioSegmentAnalyzer analyzer() {
        return analyzer;
    }

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
    public void analyze(MediaSegment segment, Consumer<AudioScore> out) throws MediaDecodeException {
        analyzer.analyze(segment, batch -> batch.scores().forEach(out));
    }
}
