package dev.highlights.audio;

import dev.highlights.avro.AudioScore;
import java.util.List;

/**
 * One model batch worth of per-second records, in media order, with where the time went (for the
 * decode/inference-time-per-batch metrics).
 *
 * @param scores         the records, ready for the audio-scores topic
 * @param decodeNanos    time spent decoding and resampling the seconds of this batch (warm-up included)
 * @param featureNanos   time spent in the per-second features
 * @param inferenceNanos time spent in the model run
 */
public record AudioBatch(String vodId, int segmentIndex, List<AudioScore> scores,
                         long decodeNanos, long featureNanos, long inferenceNanos) {

    public long firstSecond() {
        return scores.get(0).getSecond();
    }

    /** Last media second in this batch (for progress events). */
    public long lastSecond() {
        return scores.get(scores.size() - 1).getSecond();
    }
}
