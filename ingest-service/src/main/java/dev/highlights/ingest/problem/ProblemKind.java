package dev.highlights.ingest.problem;

/**
 * Every way a request can be refused, with its HTTP status, RFC 7807 problem type and the error code that goes
 * on the status topic when the refusal is reported there. The REST layer and the (later) Kafka consumer both
 * take it from {@link IngestException}.
 */
public enum ProblemKind {
    INVALID_REQUEST(400, "invalid-request", "The request is invalid", "REQUEST_INVALID"),
    UNSUPPORTED_URI(400, "unsupported-uri", "The URI scheme is not supported", "URI_UNSUPPORTED"),
    UNKNOWN_CHAT_FORMAT(400, "unknown-chat-format", "Unknown chat format name", "CHAT_FORMAT_UNKNOWN"),
    UNAUTHORIZED(401, "unauthorized", "Missing or wrong API key", "UNAUTHORIZED"),
    LOCATION_FORBIDDEN(403, "location-forbidden", "The location is not allowed", "MEDIA_LOCATION_FORBIDDEN"),
    NOT_FOUND(404, "not-found", "Not found", "NOT_FOUND"),
    VOD_NOT_FOUND(404, "vod-not-found", "Unknown VOD", "VOD_NOT_FOUND"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed", "METHOD_NOT_ALLOWED"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation", "NOT_ACCEPTABLE"),
    VOD_CONFLICT(409, "vod-conflict", "The VOD id is taken by a different request", "VOD_CONFLICT"),
    VOD_STATE_CONFLICT(409, "vod-state-conflict", "The VOD is not in a state that allows this", "VOD_STATE_CONFLICT"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large", "PAYLOAD_TOO_LARGE"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type or format", "FORMAT_UNSUPPORTED"),
    MEDIA_UNREADABLE(422, "media-unreadable", "The media cannot be used", "MEDIA_UNREADABLE"),
    CHAT_UNREADABLE(422, "chat-unreadable", "The chat export cannot be used", "CHAT_UNREADABLE"),
    UNAVAILABLE(503, "unavailable", "Temporarily unavailable", "UNAVAILABLE"),
    INTERNAL(500, "internal-error", "Internal error", "INTERNAL_ERROR");

    /** Prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "urn:highlights:problem:";

    private final int status;
    private final String slug;
    private final String title;
    private final String errorCode;

    ProblemKind(int status, String slug, String title, String errorCode) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** The RFC 7807 {@code type}, e.g. {@code urn:highlights:problem:location-forbidden}. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** Default machine-readable code for {@code PipelineStatus.errorCode}. */
    public String errorCode() {
        return errorCode;
    }

    /** The kind for an HTTP status that arrives from the framework (unknown route, wrong method ...). */
    public static ProblemKind forStatus(int status) {
        for (ProblemKind k : values()) {
            if (k.status == status && k != VOD_NOT_FOUND && k != VOD_CONFLICT && k != UNSUPPORTED_URI
                    && k != UNKNOWN_CHAT_FORMAT && k != CHAT_UNREADABLE) {
                return k;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
