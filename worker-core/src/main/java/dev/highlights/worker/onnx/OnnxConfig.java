package dev.highlights.worker.onnx;

/**
 * ONNX Runtime settings shared by the GPU workers.
 *
 * @param provider       requested execution provider ({@code auto|cuda|cpu})
 * @param cudaDevice     CUDA device id used when the CUDA provider is active
 * @param intraOpThreads threads per {@code run} on CPU. The workers parallelise across segments (one
 *                       decoder thread per segment, as many segments as cores), so 1 is the default;
 *                       0 lets ONNX Runtime pick (all cores).
 */
public record OnnxConfig(ExecutionProvider provider, int cudaDevice, int intraOpThreads) {

    public OnnxConfig {
        if (provider == null) {
            provider = ExecutionProvider.AUTO;
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("cudaDevice must be >= 0");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0");
        }
    }

    public static OnnxConfig defaults() {
        return new OnnxConfig(ExecutionProvider.AUTO, 0, 1);
    }

    public static OnnxConfig of(ExecutionProvider provider) {
        return new OnnxConfig(provider, 0, 1);
    }

    public OnnxConfig withIntraOpThreads(int threads) {
        return new OnnxConfig(provider, cudaDevice, threads);
    }
}
