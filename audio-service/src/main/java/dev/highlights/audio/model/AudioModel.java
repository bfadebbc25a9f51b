package dev.highlights.audio.model;

import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelRunner;
import java.util.List;
import java.util.Map;

/**
 * The scoring contract of the audio worker: a batch of one-second 16 kHz mono rows in, an excitement
 * score 0..1 per row (and optional label scores) out. Implementations are thread-safe (the session is
 * shared; callers bring their own {@link FloatBatch}).
 */
public interface AudioModel {
    /** Sample rate of the rows, and samples per row. */
    int SAMPLE_RATE = 16_000;

    /** Name and version, for {@code AudioScore.model}. */
    String id();

    ModelRunner runner();

    /** Scores rows {@code 0..rows-1} of {@code batch}. */
    Scores score(FloatBatch batch, int rows);

    /**
     * @param score  per row, 0..1
     * @param labels per row, the label scores worth reporting (empty maps when the model has none)
     */
    record Scores(float[] score, List<Map<String, Float>> labels) {
    }
}
