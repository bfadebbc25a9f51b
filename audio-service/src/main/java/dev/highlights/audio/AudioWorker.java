package dev.highlights.audio;

import dev.highlights.avro.Stage;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.onnx.OnnxSessions;
import dev.highlights.worker.service.WorkerDefinition;
import dev.highlights.worker.service.WorkerServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The audio service: worker-core's {@code WorkerLifecycle} runs this analyzer on the segment loop. */
@ApplicationScoped
public class AudioWorker implements WorkerDefinition {

    @Inject
    AudioServiceConfig config;

    @Override
    public Stage stage() {
        return Stage.AUDIO;
    }

    @Override
    public WorkerServiceConfig config() {
        return config;
    }

    @Override
    public SegmentAnalyzer<?> createAnalyzer(OnnxSessions sessions, WorkerMetrics metrics) {
        return new AudioWorkerAnalyzer(new AudioSegmentAnalyzer(config.toAnalyzerConfig(), sessions), metrics);
    }
}
