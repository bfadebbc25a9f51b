package dev.highlights.chat.features;

/**
 * The baseline a second is scored against, captured when the second is first emitted, so that a late update of the
 * second's own count is rescored against the very same baseline.
 *
 * @param center          median (or mean) of the window, messages/s
 * @param spread          max(1.4826 x MAD, sqrt(median)) (or the standard deviation) of the window, before the floor
 * @param secondsInWindow seconds in the window, quiet ones included (drives the warm-up)
 * @param samples         values the statistics were computed over
 */
public record BaselineStats(double center, double spread, int secondsInWindow, int samples) {
}
