package dev.highlights.chatimport;

/**
 * The import could not start: the caller's request is unusable as a whole (unknown format, IRC without a stream
 * start). Bad entries inside a readable file never throw; they are counted in {@link ChatImportResult}.
 */
public class ChatImportException extends RuntimeException {

    public enum Reason {
        /** The format was not given and could not be detected from the first bytes (REST: 415). */
        UNKNOWN_FORMAT,
        /** Twitch IRC needs {@link ChatImportOptions#streamStartEpochMs()} (REST: 400). */
        MISSING_STREAM_START,
        /** The input is gzip by its magic bytes but its header is broken or cut off: nothing could be read (400). */
        CORRUPT_INPUT
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ChatImportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
