package dev.highlights.video;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.media.MediaDecodeException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plugs {@link VideoSegmentAnalyzer} into worker-core's segment loop
 * ({@link dev.highlights.worker.loop.SegmentWorker}): stage VIDEO, a record per run of seconds that became ready together to
 * {@code video-scores}.
 * With {@link WorkerMetrics}, it records the steps of each segment ({@code decode}, {@code scale},
 * {@code features}) and each model batch ({@code inference}) on {@code highlights.worker.step.duration}.
 */
public final class VideoWorkerAnalyzer implements SegmentAnalyzer<VideoScore> {
    private final VideoSegmentAnalyzer analyzer;
    private final WorkerMetrics metrics;
    private final VideoSegmentAnalyzer.Observer observer;

    public VideoWorkerAnalyzer(VideoSegmentAnalyzer analyzer) {
        this(analyzer, null);
    }

    /** @param metrics where to record step times, or null */
    public VideoWorkerAnalyzer(VideoSegmentAnalyzer analyzer, WorkerMetrics metrics) {
        this.analyzer = analyzer;
        this.metrics = metrics;
        this.observer = metrics == null ? null : new VideoSegmentAnalyzer.Observer() {
            @Override
            public void onBatch(int rows, long inferenceNanos) {
                metrics.recordStep("inference", Duration.ofNanos(inferenceNanos));
            }
        };
    }

    public VideoSegmentAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public Stage stage() {
        return Stage.VIDEO;
    }

    @Override
    public String outputTopic() {
        return Topics.VIDEO_SCORES.name();
    }

    @Override
    public long secondOf(VideoScore record) {
        return record.getSecond();
    }

    @Override
    public SpecificRecord batchOf(MediaSegment segment, List<VideoScore> seconds) {
        return VideoScoreBatch.newBuilder().setVodId(segment.getVodId()).setSegmentIndex(segment.getIndex())
                .setScores(seconds).build();
    }

    @Override
    public void analyze(MediaSegment segment, Consumer<List<VideoScore>> out) throws MediaDecodeException {
        SegmentResult r = analyzer.analyze(segment, out, observer);
        if (metrics != null) {
            metrics.recordStep("decode", Duration.ofNanos(r.decodeNanos()));
            metrics.recordStep("scale", Duration.ofNanos(r.decode().scaleNanos()));
            metrics.recordStep("features", Duration.ofNanos(r.featureNanos()));
        }
    }
}
