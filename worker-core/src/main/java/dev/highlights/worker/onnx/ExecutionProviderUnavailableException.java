package dev.highlights.worker.onnx;

/** The configured execution provider (e.g. {@code cuda}) cannot be used on this host or build. */
public class ExecutionProviderUnavailableException extends RuntimeException {
    public ExecutionProviderUnavailableException(String message) {
        super(message);
    }

    public ExecutionProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
