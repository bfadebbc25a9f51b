package dev.highlights.audio;

import dev.highlights.worker.media.DecodeSummary;

/**
 * The outcome of one segment.
 *
 * @param secondsEmitted records delivered (0 when the span lies past the end of the media)
 * @param firstSecond    first emitted second, or -1
 * @param lastSecond     last emitted second, or -1
 * @param batches        model runs
 * @param decode         what the decoder saw (source rate, channels, codec, end of media)
 */
public record SegmentResult(String vodId, int segmentIndex, int secondsEmitted, long firstSecond, long lastSecond,
                            int batches, long decodeNanos, long featureNanos, long inferenceNanos,
                            DecodeSummary decode) {
}
