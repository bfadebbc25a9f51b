package dev.highlights.video;

import dev.highlights.avro.Stage;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.onnx.OnnxSessions;
import dev.highlights.worker.service.WorkerDefinition;
import dev.highlights.worker.service.WorkerServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The video service: worker-core's {@code WorkerLifecycle} runs this analyzer on the segment loop. */
@ApplicationScoped
public class VideoWorker implements WorkerDefinition {

    @Inject
    VideoServiceConfig config;

    @Override
    public Stage stage() {
        return Stage.VIDEO;
    }

    @Override
    public WorkerServiceConfig config() {
        return config;
    }

    @Override
    public SegmentAnalyzer<?> createAnalyzer(OnnxSessions sessions, WorkerMetrics metrics) {
        return new VideoWorkerAnalyzer(new VideoSegmentAnalyzer(config.toAnalysisConfig(), sessions), metrics);
    }
}
