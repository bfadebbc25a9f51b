package dev.highlights.schemas.serde;

/**
 * A schema registry answered with an error (or could not be reached). Carries Confluent's error code
 * (e.g. 40401 subject not found, 40403 schema not found, 40901 incompatible) and HTTP status.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** HTTP status, or -1 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code, or -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** 5xx, 408 and 429 answers and connection failures are worth another try. */
    public boolean isTransient() {
        return httpStatus < 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }

    /** 401 and 403: the registry refused this client's credentials or permissions. */
    public boolean credentialsRefused() {
        return httpStatus == 401 || httpStatus == 403;
    }

    /**
     * Whether {@code error} or one of its causes is a registry this client cannot use now: it did not answer, or it
     * refused the client's credentials (a rotated Secret, a missing grant). Neither is the record's fault, so the
     * record is read again later instead of being skipped; a refusal is not retried at once, since nothing changes
     * within a request's retries.
     */
    public static boolean registryUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException e && (e.isTransient() || e.credentialsRefused())) {
                return true;
            }
        }
        return false;
    }
}
