package dev.highlights.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnxruntime.OrtProvider;
import dev.highlights.audio.model.AudioModel;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.ExecutionProviderUnavailableException;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import org.junit.jupiter.api.Test;

/** Provider choice through the audio analyzer, on a machine without CUDA (the CPU ONNX Runtime build). */
class ProviderSelectionTest {

    static void assumeNoCuda() {
        assumeThat(OnnxSessions.availableProviders()).as("this test is for the CPU build").doesNotContain(OrtProvider.CUDA);
    }

    static float scoreOfLoudNoise(AudioSegmentAnalyzer a) {
        FloatBatch b = new FloatBatch(1, 16000);
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < 16000; i++) {
            b.put(0, i, (float) (0.3 * rnd.nextGaussian()));
        }
        AudioModel.Scores s = a.model().score(b, 1);
        return s.score()[0];
    }

    @Test
    void autoFallsBackToCpuAndScores() {
        assumeNoCuda();
        try (AudioSegmentAnalyzer a = new AudioSegmentAnalyzer(AudioServiceConfig.shippedAnalyzer().withOnnx(OnnxConfig.of(ExecutionProvider.AUTO)))) {
            assertThat(a.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(a.providerDetail()).contains("requested auto").contains("CUDA unavailable");
            assertThat(a.model().runner().provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(scoreOfLoudNoise(a)).isGreaterThan(0.5f);
        }
    }

    @Test
    void cpuScores() {
        try (AudioSegmentAnalyzer a = new AudioSegmentAnalyzer(AudioServiceConfig.shippedAnalyzer().withOnnx(OnnxConfig.of(ExecutionProvider.CPU)))) {
            assertThat(a.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(scoreOfLoudNoise(a)).isGreaterThan(0.5f);
        }
    }

    @Test
    void cudaFailsWithAClearException() {
        assumeNoCuda();
        assertThatThrownBy(() -> new AudioSegmentAnalyzer(AudioServiceConfig.shippedAnalyzer().withOnnx(OnnxConfig.of(ExecutionProvider.CUDA))))
                .isInstanceOf(ExecutionProviderUnavailableException.class)
                .hasMessageContaining("'cuda' was requested")
                .hasMessageContaining("no CUDA provider");
    }
}
