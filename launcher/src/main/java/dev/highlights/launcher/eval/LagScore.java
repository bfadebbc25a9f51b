package dev.highlights.launcher.eval;

import java.util.List;

/**
 * Chat lag of one VOD, estimated against true (seconds; null where unknown).
 *
 * @param trueMedianSec              median of the true lags of the VOD's highlights that have one
 * @param vodEstimateSec             the pipeline's single estimate for the VOD
 * @param detectionEstimateMedianSec median of the per-detection estimates, when the pipeline gave any
 * @param errorSamplesSec            |estimate - true| per matched highlight when per-detection estimates exist,
 *                                   else the one value |VOD estimate - true median|; empty when neither is known
 * @param errorSec                   median of {@code errorSamplesSec}
 */
public record LagScore(Double trueMedianSec, Double vodEstimateSec, Double detectionEstimateMedianSec,
                       List<Double> errorSamplesSec, Double errorSec) {

    public LagScore {
        errorSamplesSec = List.copyOf(errorSamplesSec);
    }

    /** What the report shows as "the estimate": the VOD's own, else the median over detections. */
    public Double estimateSec() {
        return vodEstimateSec != null ? vodEstimateSec : detectionEstimateMedianSec;
    }
}
