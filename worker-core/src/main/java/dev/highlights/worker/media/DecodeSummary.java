package dev.highlights.worker.media;

/**
 * What a decode pass did.
 *
 * @param firstSecond      first emitted (non-warm-up) second, or -1 when none
 * @param lastSecond       last emitted second, or -1 when none
 * @param secondsEmitted   number of non-warm-up seconds delivered
 * @param warmUpSeconds    number of warm-up seconds delivered
 * @param endOfMedia       true when the media ended before the span's end
 * @param sourceSampleRate the audio stream's sample rate (0 for video)
 * @param sourceChannels   the audio stream's channel count (0 for video)
 * @param codec            the decoded stream's codec name
 */
public record DecodeSummary(long firstSecond, long lastSecond, int secondsEmitted, int warmUpSeconds,
                            boolean endOfMedia, int sourceSampleRate, int sourceChannels, String codec) {
}
