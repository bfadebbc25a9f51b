package dev.highlights.worker.loop;

import dev.highlights.media.LocationPolicy;
import java.time.Duration;

/**
 * How a worker process takes work.
 *
 * @param concurrency     segments decoded at once (one decoder thread each); also the most records
 *                        fetched per poll, so a slow model never piles up work items in memory
 * @param progressEvery   a PROGRESS status after each this many media seconds of a segment
 * @param shutdownTimeout how long in-flight segments may finish on rebalance or shutdown
 * @param maxAttempts     starts of a work item that may end abnormally (a crash of the worker, an Error) before it
 *                        is reported {@code SEGMENT_ATTEMPTS_EXHAUSTED} and skipped
 * @param media           where work items may point: checked before anything is opened
 */
public record SegmentWorkerConfig(int concurrency, int progressEvery, Duration shutdownTimeout, int maxAttempts,
                                  LocationPolicy media) {
    public SegmentWorkerConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be at least 1");
        }
    }
}
