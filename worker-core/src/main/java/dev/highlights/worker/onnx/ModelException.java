package dev.highlights.worker.onnx;

/**
 * A model could not be loaded or run (bad file, wrong signature, ONNX Runtime failure). Unlike a
 * {@link dev.highlights.worker.media.MediaDecodeException} this is not the media's fault: a service
 * should treat it as a worker fault (retry / alert), not as an unreadable segment.
 */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
