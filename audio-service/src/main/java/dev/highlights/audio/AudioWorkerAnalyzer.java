package dev.highlights.audio;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.media.MediaDecodeException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plugs {@link AudioSegmentAnalyzer} into worker-core's segment loop
 * ({@link dev.highlights.worker.loop.SegmentWorker}): stage AUDIO, a record per model batch to {@code audio-scores}.
 * With {@link WorkerMetrics}, it records per model batch the {@code decode}, {@code features} and
 * {@code inference} times on {@code highlights.worker.step.duration}.
 */
public final class AudioWorkerAnalyzer implements SegmentAnalyzer<AudioScore> {
    private final AudioSegmentAnalyzer analyzer;
    private final WorkerMetrics metrics;

    public AudioWorkerAnalyzer(AudioSegmentAnalyzer analyzer) {
        this(analyzer, null);
    }

    /** @param metrics where to record step times per batch, or null */
    public AudioWorkerAnalyzer(AudioSegmentAnalyzer analyzer, WorkerMetrics metrics) {
        this.analyzer = analyzer;
        this.metrics = metrics;
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
    public SpecificRecord batchOf(MediaSegment segment, List<AudioScore> seconds) {
        return AudioScoreBatch.newBuilder().setVodId(segment.getVodId()).setSegmentIndex(segment.getIndex())
                .setScores(seconds).build();
    }

    /** Hands over each model batch's seconds as one run. */
    @Override
    public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) throws MediaDecodeException {
        analyzer.analyze(segment, batch -> {
            if (metrics != null) {
                metrics.recordStep("decode", Duration.ofNanos(batch.decodeNanos()));
                metrics.recordStep("features", Duration.ofNanos(batch.featureNanos()));
                metrics.recordStep("inference", Duration.ofNanos(batch.inferenceNanos()));
            }
            out.accept(batch.scores());
        });
    }
}
