package dev.highlights.worker.service;

import dev.highlights.avro.Stage;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.onnx.OnnxSessions;

/**
 * What a worker service contributes to the shared runtime ({@link WorkerLifecycle}): one
 * application-scoped bean implementing this, nothing else.
 */
public interface WorkerDefinition {

    /** The stage it reports as; also names the default consumer group ({@code <stage>-service}). */
    Stage stage();

    /** Its settings (its {@code @ConfigMapping}, which extends {@link WorkerServiceConfig}). */
    WorkerServiceConfig config();

    /**
     * Builds the analyzer (loads and checks the model, so a bad model fails start-up).
     *
     * @param sessions ONNX Runtime sessions for {@link WorkerServiceConfig#onnxConfig()}, closed by the runtime
     * @param metrics  where analyzers record their step times
     */
    SegmentAnalyzer<?> createAnalyzer(OnnxSessions sessions, WorkerMetrics metrics);
}
