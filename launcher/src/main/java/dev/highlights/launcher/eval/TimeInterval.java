package dev.highlights.launcher.eval;

/** A half-open stretch {@code [start, end)} of a VOD in seconds: what the matching and second counting need. */
public interface TimeInterval {

    double start();

    double end();

    default double length() {
        return end() - start();
    }

    /** Checks what every interval must satisfy; {@code what} names it in the message ("label 3", "detection 1"). */
    static void requireValid(double start, double end, String what) {
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException(what + ": start and end must be finite numbers, got " + start
                    + " and " + end);
        }
        if (start < 0) {
            throw new IllegalArgumentException(what + ": start must not be negative, got " + start);
        }
        if (end <= start) {
            throw new IllegalArgumentException(what + ": end (" + end + ") must be after start (" + start + ")");
        }
    }
}
