package dev.highlights.audio;

import dev.highlights.audio.model.UserModelConfig;
import dev.highlights.worker.onnx.OnnxConfig;

/**
 * Settings of the audio analysis. No defaults here: the service's configuration mapping ({@code AudioServiceConfig}) is
 * their one source and builds this record.
 *
 * @param batchSeconds seconds per model run (rows of the {@code [N, 16000]} input); memory per segment
 *                     in flight is about {@code batchSeconds x 64 KB}
 * @param onnx         execution provider and threads
 * @param userModel    a user's own model, or null for the project's default model
 */
public record AudioAnalyzerConfig(int batchSeconds, OnnxConfig onnx, UserModelConfig userModel) {
    public AudioAnalyzerConfig {
        if (batchSeconds <= 0) {
            throw new IllegalArgumentException("batchSeconds must be > 0");
        }
        if (onnx == null) {
            onnx = OnnxConfig.defaults();
        }
    }

    public AudioAnalyzerConfig withBatchSeconds(int seconds) {
        return new AudioAnalyzerConfig(seconds, onnx, userModel);
    }

    public AudioAnalyzerConfig withOnnx(OnnxConfig config) {
        return new AudioAnalyzerConfig(batchSeconds, config, userModel);
    }

    public AudioAnalyzerConfig withUserModel(UserModelConfig model) {
        return new AudioAnalyzerConfig(batchSeconds, onnx, model);
    }
}
