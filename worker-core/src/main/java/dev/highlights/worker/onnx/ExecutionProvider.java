package dev.highlights.worker.onnx;

import java.util.Locale;

/**
 * Which ONNX Runtime execution provider a worker asks for.
 *
 * <ul>
 *   <li>{@link #AUTO}: CUDA when the ONNX Runtime build and the host can provide it, otherwise CPU
 *       (one log line says why).</li>
 *   <li>{@link #CUDA}: CUDA or a clear {@link ExecutionProviderUnavailableException}.</li>
 *   <li>{@link #CPU}: always the CPU provider.</li>
 * </ul>
 */
public enum ExecutionProvider {
    AUTO, CUDA, CPU;

    /** Parses {@code auto|cuda|cpu} (case-insensitive, surrounding blanks ignored). */
    public static ExecutionProvider parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (ExecutionProvider p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown execution provider '" + value + "': expected auto, cuda or cpu");
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
