package dev.highlights.worker.media;

/**
 * The media of a segment cannot be decoded: the file is missing, unreadable or corrupt, or it has
 * no stream of the wanted kind. A worker turns it into a status event for that VOD and segment
 * ({@link #errorCode()} for {@code PipelineStatus.errorCode}; {@link Reason#NO_AUDIO_STREAM} and
 * {@link Reason#NO_VIDEO_STREAM} are a {@code MODALITY_ABSENT}, not an error), commits the offset
 * and goes on.
 */
public class MediaDecodeException extends Exception {

    /** Why decoding failed. */
    public enum Reason {
        /** A local path that does not exist. */
        NOT_FOUND("MEDIA_NOT_FOUND"),
        /** The location is not allowed (outside the media roots, a host or address not allowed, another scheme). */
        LOCATION_FORBIDDEN("MEDIA_LOCATION_FORBIDDEN"),
        /** The container cannot be opened or probed (corrupt, unsupported, unreachable URL). */
        UNREADABLE("MEDIA_UNREADABLE"),
        /** The media has no audio stream. */
        NO_AUDIO_STREAM("MEDIA_NO_AUDIO"),
        /** The media has no video stream. */
        NO_VIDEO_STREAM("MEDIA_NO_VIDEO"),
        /** Opened fine, but decoding failed part way. */
        DECODE_FAILED("MEDIA_DECODE_FAILED"),
        /**
         * The decoding thread was interrupted (shutdown, rebalance): the segment was not finished and
         * the media is not at fault, so a worker should not report an error nor commit the work item.
         */
        INTERRUPTED("MEDIA_DECODE_INTERRUPTED");

        private final String errorCode;

        Reason(String errorCode) {
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    private final Reason reason;
    private final String uri;

    public MediaDecodeException(Reason reason, String uri, String message) {
        this(reason, uri, message, null);
    }

    public MediaDecodeException(Reason reason, String uri, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.uri = uri;
    }

    public Reason reason() {
        return reason;
    }

    /** Machine-readable class for {@code PipelineStatus.errorCode}, e.g. {@code MEDIA_UNREADABLE}. */
    public String errorCode() {
        return reason.errorCode();
    }

    public String uri() {
        return uri;
    }

    /** True when the stream kind is simply absent (a {@code MODALITY_ABSENT} status, not an error). */
    public boolean isModalityAbsent() {
        return reason == Reason.NO_AUDIO_STREAM || reason == Reason.NO_VIDEO_STREAM;
    }
}
