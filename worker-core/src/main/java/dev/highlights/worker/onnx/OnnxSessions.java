package dev.highlights.worker.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's ONNX Runtime sessions: one {@link OrtEnvironment}, each model loaded once and shared
 * by every worker thread, and the execution-provider decision made once.
 *
 * <p>Provider choice ({@link OnnxConfig#provider()}):
 * <ul>
 *   <li>{@code cpu}: the CPU provider.</li>
 *   <li>{@code cuda}: CUDA on {@link OnnxConfig#cudaDevice()}; if this ONNX Runtime build has no CUDA
 *       provider, or the CUDA/cuDNN libraries cannot be loaded, the constructor (or the first session)
 *       throws {@link ExecutionProviderUnavailableException} saying why.</li>
 *   <li>{@code auto}: CUDA when available, otherwise CPU, with exactly one log line giving the reason.
 *       A CUDA session that fails to initialise later also falls back to CPU (one log line).</li>
 * </ul>
 * {@link #activeProvider()} and {@link #providerDetail()} report the outcome (health endpoints, tests).
 */
public final class OnnxSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxSessions.class);

    private final OnnxConfig config;
    private final OrtEnvironment env;
    private final Map<String, ModelRunner> runners = new ConcurrentHashMap<>();
    private volatile ExecutionProvider active;
    private volatile String detail;
    private volatile boolean closed;

    public OnnxSessions(OnnxConfig config) {
        this.config = config == null ? OnnxConfig.defaults() : config;
        this.env = environment();
        resolveProvider();
    }

    /** The single ONNX Runtime environment of this process. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** Execution providers compiled into the ONNX Runtime library on the class path. */
    public static EnumSet<OrtProvider> availableProviders() {
        return OrtEnvironment.getAvailableProviders();
    }

    public OnnxConfig config() {
        return config;
    }

    public ExecutionProvider requestedProvider() {
        return config.provider();
    }

    /** {@link ExecutionProvider#CUDA} or {@link ExecutionProvider#CPU}: what sessions run on. */
    public ExecutionProvider activeProvider() {
        return active;
    }

    /** One human-readable sentence: what was requested, what is used and, after a fallback, why. */
    public String providerDetail() {
        return detail;
    }

    private void resolveProvider() {
        ExecutionProvider requested = config.provider();
        if (requested == ExecutionProvider.CPU) {
            active = ExecutionProvider.CPU;
            detail = "ONNX Runtime execution provider: CPU (requested cpu)";
            LOG.info(detail);
            return;
        }
        String whyNot = probeCuda(config.cudaDevice());
        if (whyNot == null) {
            active = ExecutionProvider.CUDA;
            detail = "ONNX Runtime execution provider: CUDA device " + config.cudaDevice() + " (requested "
                    + requested.configValue() + ")";
            LOG.info(detail);
            return;
        }
        if (requested == ExecutionProvider.CUDA) {
            throw new ExecutionProviderUnavailableException(cudaUnavailableMessage(whyNot));
        }
        fallBackToCpu(whyNot);
    }

    private static String cudaUnavailableMessage(String whyNot) {
        return "Execution provider 'cuda' was requested but CUDA is unavailable: " + whyNot
                + ". Use provider=auto to fall back to CPU, or run the GPU build (the worker image built with"
                + " ONNXRUNTIME=gpu, or Maven profile -Pgpu: onnxruntime_gpu with CUDA 12 and cuDNN 9 libraries).";
    }

    private void fallBackToCpu(String whyNot) {
        active = ExecutionProvider.CPU;
        detail = "ONNX Runtime execution provider: CPU (requested auto; CUDA unavailable: " + whyNot + ")";
        LOG.warn(detail);
    }

    /** Returns null when a CUDA provider can be added, else the reason it cannot. */
    static String probeCuda(int device) {
        EnumSet<OrtProvider> available;
        try {
            available = OrtEnvironment.getAvailableProviders();
        } catch (RuntimeException | LinkageError e) {
            return "could not list ONNX Runtime providers (" + e + ")";
        }
        if (!available.contains(OrtProvider.CUDA)) {
            return "this ONNX Runtime build has no CUDA provider (available: " + available
                    + "; the default build uses the CPU artifact com.microsoft.onnxruntime:onnxruntime)";
        }
        try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
            probe.addCUDA(device);
            return null;
        } catch (OrtException | RuntimeException | LinkageError e) {
            return "adding the CUDA provider for device " + device + " failed: " + e.getMessage();
        }
    }

    private OrtSession.SessionOptions options(ExecutionProvider provider) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setInterOpNumThreads(1);
            o.setIntraOpNumThreads(config.intraOpThreads());
            // Cores are shared between segment threads (and other processes): no busy-waiting pool threads.
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (provider == ExecutionProvider.CUDA) {
                o.addCUDA(config.cudaDevice());
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /**
     * The shared runner for {@code key}, created on first use from {@code modelBytes} (e.g. a model the
     * project builds in memory). Later calls with the same key return the same runner.
     */
    public ModelRunner runner(String key, Supplier<byte[]> modelBytes) {
        return runners.computeIfAbsent(key, k -> create(k, modelBytes.get()));
    }

    /** The shared runner of an {@code .onnx} file (keyed by its absolute path). */
    public ModelRunner runner(Path modelFile) {
        Path abs = modelFile.toAbsolutePath().normalize();
        return runners.computeIfAbsent(abs.toString(), k -> {
            if (!Files.isRegularFile(abs)) {
                throw new ModelException("ONNX model file not found: " + abs);
            }
            try {
                return create(abs.getFileName().toString(), Files.readAllBytes(abs));
            } catch (IOException e) {
                throw new ModelException("cannot read ONNX model " + abs + ": " + e.getMessage(), e);
            }
        });
    }

    private synchronized ModelRunner create(String name, byte[] bytes) {
        if (closed) {
            throw new IllegalStateException("OnnxSessions is closed");
        }
        ExecutionProvider provider = active;
        try {
            return open(name, bytes, provider);
        } catch (OrtException e) {
            if (provider != ExecutionProvider.CUDA) {
                throw new ModelException("cannot load ONNX model '" + name + "': " + e.getMessage(), e);
            }
            if (config.provider() == ExecutionProvider.CUDA) {
                throw new ExecutionProviderUnavailableException(
                        cudaUnavailableMessage("creating a CUDA session for '" + name + "' failed: " + e.getMessage()), e);
            }
            fallBackToCpu("creating a CUDA session for '" + name + "' failed: " + e.getMessage());
            try {
                return open(name, bytes, ExecutionProvider.CPU);
            } catch (OrtException e2) {
                throw new ModelException("cannot load ONNX model '" + name + "': " + e2.getMessage(), e2);
            }
        }
    }

    private ModelRunner open(String name, byte[] bytes, ExecutionProvider provider) throws OrtException {
        try (OrtSession.SessionOptions o = options(provider)) {
            OrtSession session = env.createSession(bytes, o);
            try {
                return new ModelRunner(name, env, session, provider);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        }
    }

    /** Closes every session (the environment is process-wide and stays). */
    @Override
    public synchronized void close() {
        closed = true;
        List<Exception> errors = new ArrayList<>();
        for (ModelRunner r : runners.values()) {
            try {
                r.close();
            } catch (OrtException e) {
                errors.add(e);
            }
        }
        runners.clear();
        if (!errors.isEmpty()) {
            LOG.warn("closing ONNX sessions: {}", errors);
        }
    }
}
