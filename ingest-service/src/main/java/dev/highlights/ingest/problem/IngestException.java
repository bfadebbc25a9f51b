package dev.highlights.ingest.problem;

import java.util.Objects;

/**
 * A request that cannot be served, with a reason a person can act on. The REST layer answers it as an
 * {@code application/problem+json} body; a Kafka consumer turns it into an ERROR status event
 * ({@link #errorCode()}, {@link #getMessage()}).
 */
public class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemKind kind;
    private final String errorCode;

    public IngestException(ProblemKind kind, String detail) {
        this(kind, null, detail, null);
    }

    public IngestException(ProblemKind kind, String errorCode, String detail) {
        this(kind, errorCode, detail, null);
    }

    public IngestException(ProblemKind kind, String errorCode, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorCode = errorCode;
    }

    public ProblemKind kind() {
        return kind;
    }

    /** Specific code (e.g. MEDIA_NOT_FOUND, MEDIA_TOO_LARGE), else the kind's. */
    public String errorCode() {
        return errorCode != null ? errorCode : kind.errorCode();
    }
}
