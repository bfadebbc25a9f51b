package dev.highlights.launcher;

/**
 * A value picocli could parse but the command cannot use (a missing file, a negative count): exit status 2 with the
 * command's usage, like a parse error.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
