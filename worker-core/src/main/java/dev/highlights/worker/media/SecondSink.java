package dev.highlights.worker.media;

/**
 * Receives decoded audio one media second at a time, in order and without gaps (missing media is
 * zero-filled).
 */
@FunctionalInterface
public interface SecondSink {
    /**
     * @param second       media second ({@code [second, second + 1)} from the media start)
     * @param samples      mono samples of that second at the decoder's output rate; the array is reused
     *                     for the next second, copy what you keep
     * @param validSamples how many samples are real media: the sample rate, except for the last second
     *                     of the media (the rest of the array is zero)
     * @param warmUp       true for pre-roll seconds: feed them to stateful features, do not emit them
     */
    void onSecond(long second, float[] samples, int validSamples, boolean warmUp);
}
