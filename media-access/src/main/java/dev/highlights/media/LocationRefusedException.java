package dev.highlights.media;

/**
 * A location the policy does not allow, or that cannot be used, with a machine-readable code ({@code OUTSIDE_ROOTS},
 * {@code INTERNAL_ADDRESS} ...) that a service prefixes with what the location is for ({@code MEDIA_}, {@code CHAT_}).
 */
public final class LocationRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why: the caller maps it to its answer (400, 403, 422; a failed work item). */
    public enum Kind {
        /** Not a usable URI: unparseable, relative, no host. */
        INVALID,
        /** A scheme the services do not read from. */
        UNSUPPORTED,
        /** A location the policy refuses: outside the media roots, a host or address not allowed. */
        FORBIDDEN,
        /** Allowed, but nothing there. */
        NOT_FOUND,
        /** Allowed, but not a readable file. */
        UNREADABLE
    }

    private final Kind kind;
    private final String code;

    public LocationRefusedException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code URI_INVALID}, {@code OUTSIDE_ROOTS}, {@code INTERNAL_ADDRESS} ... */
    public String code() {
        return code;
    }
}
