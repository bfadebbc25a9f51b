package dev.highlights.launcher.eval;

import java.util.List;

/**
 * What eval knows about one VOD: its labels, what the pipeline detected and the chat lag it estimated.
 *
 * @param vodLagEstimateSec the pipeline's single chat lag estimate for the VOD, null when it has none
 */
public record VodInput(String vod, LabelledVod truth, List<Detection> detections, Double vodLagEstimateSec) {

    public VodInput {
        detections = List.copyOf(detections);
    }
}
