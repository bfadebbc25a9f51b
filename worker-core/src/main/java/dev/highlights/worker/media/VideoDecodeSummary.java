package dev.highlights.worker.media;

/**
 * What a {@link VideoFrameDecoder} pass did.
 *
 * @param firstSecond     first non-warm-up second that got a sample, or -1 when none
 * @param lastSecond      last non-warm-up second that got a sample, or -1 when none
 * @param secondsSampled  non-warm-up seconds that got at least one sample
 * @param warmUpSeconds   warm-up seconds that got at least one sample
 * @param endOfMedia      true when the media ended before the span's end
 * @param stoppedBySink   true when the sink asked to stop
 * @param framesDecoded   pictures the decoder produced (after the seek)
 * @param samples         samples handed to the sink
 * @param framesScaled    pictures converted by the scaler (samples minus repeats)
 * @param scaleNanos      time spent in the scaler
 * @param sinkNanos       time spent in the sink
 * @param sourceWidth     coded width of the video stream
 * @param sourceHeight    coded height of the video stream
 * @param frameRate       the stream's average frame rate (0 when unknown)
 * @param codec           the video codec's name
 */
public record VideoDecodeSummary(long firstSecond, long lastSecond, int secondsSampled, int warmUpSeconds,
                                 boolean endOfMedia, boolean stoppedBySink, long framesDecoded, long samples,
                                 long framesScaled, long scaleNanos, long sinkNanos, int sourceWidth,
                                 int sourceHeight, double frameRate, String codec) {
}
