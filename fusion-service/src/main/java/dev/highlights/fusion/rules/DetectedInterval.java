package dev.highlights.fusion.rules;

/**
 * One interval of the reference detector.
 *
 * @param startSec  first highlight second (inclusive)
 * @param endSec    one past the last highlight second (exclusive)
 * @param peakSec   second with the highest final score (the earliest on ties)
 * @param meanScore mean final score over [startSec, endSec), gap seconds included
 * @param peakScore final score at the peak
 */
public record DetectedInterval(int startSec, int endSec, int peakSec, double meanScore, double peakScore) {
    public int durationSec() {
        return endSec - startSec;
    }
}
