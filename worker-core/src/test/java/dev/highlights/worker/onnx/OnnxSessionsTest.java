package dev.highlights.worker.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnxruntime.OrtProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tribuo.util.onnx.ONNXRef;

class OnnxSessionsTest {

    /** y = sigmoid(x * w), x [N, 4]. */
    static byte[] tinyModel() {
        OnnxGraph g = new OnnxGraph("tiny");
        ONNXRef<?> x = g.input("x", -1, 4);
        g.output(g.op("Sigmoid", g.op("Mul", x, g.constant("w", new float[] {1, 2, 3, 4}, 4))), "y", -1, 4);
        return g.toBytes(Map.of("name", "tiny/1"));
    }

    static boolean cudaUsableHere() {
        return OnnxSessions.probeCuda(0) == null;
    }

    @Test
    void closingWhileRunsAreInFlightWaitsForThemAndLaterRunsFailCleanly() throws Exception {
        // A stopping worker may leave segment threads mid-run; closing the native session under them crashed the JVM.
        OnnxSessions s = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU));
        ModelRunner r = s.runner("tiny", OnnxSessionsTest::tinyModel);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger runs = new AtomicInteger();
        List<Future<Throwable>> loops = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            loops.add(pool.submit(() -> {
                FloatBatch b = new FloatBatch(256, 4);
                while (true) {
                    try {
                        r.run(b, 256);
                        runs.incrementAndGet();
                    } catch (ModelException e) {
                        return e;
                    }
                }
            }));
        }
        while (runs.get() < 50) {
            Thread.sleep(1);
        }
        s.close();
        for (Future<Throwable> loop : loops) {
            assertThat(loop.get()).isInstanceOf(ModelException.class).hasMessageContaining("closed");
        }
        pool.shutdown();
    }

    @Test
    void cpuRunsAModel() {
        try (OnnxSessions s = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            assertThat(s.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            ModelRunner r = s.runner("tiny", OnnxSessionsTest::tinyModel);
            assertThat(r.metadata()).containsEntry("name", "tiny/1");
            assertThat(r.inputShape("x")).containsExactly(-1, 4);
            FloatBatch b = new FloatBatch(3, 4);
            b.putRow(0, new float[] {0, 0, 0, 0}, 0, 4);
            b.putRow(1, new float[] {1, 1, 1, 1}, 0, 4);
            ModelOutputs out = r.run(b, 2);
            assertThat(out.shape("y")).containsExactly(2, 4);
            float[] y = out.floats("y");
            assertThat(y[0]).isEqualTo(0.5f);
            assertThat((double) y[7]).isCloseTo(1 / (1 + Math.exp(-4)), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void autoFallsBackToCpuWithAReasonWhenCudaIsUnavailable() {
        assumeThat(cudaUsableHere()).as("CUDA usable on this host").isFalse();
        try (OnnxSessions s = new OnnxSessions(OnnxConfig.of(ExecutionProvider.AUTO))) {
            assertThat(s.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(s.requestedProvider()).isEqualTo(ExecutionProvider.AUTO);
            assertThat(s.providerDetail()).contains("CPU").contains("requested auto").contains("CUDA unavailable");
            ModelRunner r = s.runner("tiny", OnnxSessionsTest::tinyModel);
            assertThat(r.provider()).isEqualTo(ExecutionProvider.CPU);
            FloatBatch b = new FloatBatch(1, 4);
            assertThat(r.run(b, 1).floats("y")).containsOnly(0.5f);
        }
    }

    @Test
    void cudaFailsClearlyWhenUnavailable() {
        assumeThat(cudaUsableHere()).as("CUDA usable on this host").isFalse();
        assertThatThrownBy(() -> new OnnxSessions(OnnxConfig.of(ExecutionProvider.CUDA)))
                .isInstanceOf(ExecutionProviderUnavailableException.class)
                .hasMessageContaining("'cuda' was requested")
                .hasMessageContaining("CUDA is unavailable")
                .hasMessageContaining("provider=auto");
    }

    @Test
    void cudaProbeNamesTheMissingProvider() {
        assumeThat(OnnxSessions.availableProviders()).doesNotContain(OrtProvider.CUDA);
        assertThat(OnnxSessions.probeCuda(0)).contains("no CUDA provider");
    }

    @Test
    void parsesProviderNames() {
        assertThat(ExecutionProvider.parse(" Auto ")).isEqualTo(ExecutionProvider.AUTO);
        assertThat(ExecutionProvider.parse("cuda")).isEqualTo(ExecutionProvider.CUDA);
        assertThat(ExecutionProvider.parse("CPU")).isEqualTo(ExecutionProvider.CPU);
        assertThat(ExecutionProvider.parse(null)).isEqualTo(ExecutionProvider.AUTO);
        assertThatThrownBy(() -> ExecutionProvider.parse("tpu")).hasMessageContaining("auto, cuda or cpu");
    }

    @Test
    void oneSessionPerModelSharedAcrossThreads() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        try (OnnxSessions s = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    final float v = t;
                    results.add(pool.submit(() -> {
                        ModelRunner r = s.runner("tiny", () -> {
                            builds.incrementAndGet();
                            return tinyModel();
                        });
                        FloatBatch own = new FloatBatch(2, 4);
                        float[] last = null;
                        for (int i = 0; i < 50; i++) {
                            own.putRow(0, new float[] {v, v, v, v}, 0, 4);
                            last = r.run(own, 1).floats("y");
                        }
                        return last;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    float[] y = results.get(t).get();
                    assertThat((double) y[0]).isCloseTo(1 / (1 + Math.exp(-t)), org.assertj.core.data.Offset.offset(1e-6));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(builds).hasValue(1);
            assertThat(s.runner("tiny", () -> {
                throw new AssertionError("not rebuilt");
            })).isSameAs(s.runner("tiny", OnnxSessionsTest::tinyModel));
        }
    }

    @Test
    void missingOrBrokenModelFilesAreModelExceptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (OnnxSessions s = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU))) {
            assertThatThrownBy(() -> s.runner(dir.resolve("nope.onnx")))
                    .isInstanceOf(ModelException.class).hasMessageContaining("not found");
            java.nio.file.Path junk = java.nio.file.Files.write(dir.resolve("junk.onnx"), new byte[] {1, 2, 3, 4, 5});
            assertThatThrownBy(() -> s.runner(junk))
                    .isInstanceOf(ModelException.class).hasMessageContaining("cannot load ONNX model");
        }
    }
}
