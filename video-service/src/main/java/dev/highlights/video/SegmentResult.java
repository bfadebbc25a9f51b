package dev.highlights.video;

import dev.highlights.worker.media.VideoDecodeSummary;
import dev.highlights.worker.onnx.ExecutionProvider;

/**
 * What {@link VideoSegmentAnalyzer#analyze} did for one segment, for status events and metrics.
 *
 * @param firstSecond    first emitted second, or -1 when none (span past the media end)
 * @param lastSecond     last emitted second, or -1 when none: {@code PipelineStatus.lastSecond}
 * @param secondsEmitted records emitted: {@code PipelineStatus.count}
 * @param endOfMedia     the media ended before the segment's end
 * @param decode         the decoder's summary (frames decoded, samples, scaler time...)
 * @param decodeNanos    time in decoding and demuxing (wall time minus scaling, features and inference)
 * @param featureNanos   time computing features and model input rows
 * @param inferenceNanos time in model runs
 * @param batches        model runs
 * @param wallNanos      the whole analysis
 * @param provider       where the model ran
 * @param model          the model's name
 */
public record SegmentResult(long firstSecond, long lastSecond, int secondsEmitted, boolean endOfMedia,
                            VideoDecodeSummary decode, long decodeNanos, long featureNanos, long inferenceNanos,
                            int batches, long wallNanos, ExecutionProvider provider, String model) {

    /** {@code lastSecond} as a nullable value, as {@code SegmentStatus.completed} takes it. */
    public Long lastSecondOrNull() {
        return lastSecond < 0 ? null : lastSecond;
    }
}
