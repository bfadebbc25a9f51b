package dev.highlights.ingest.views;

import dev.highlights.avro.Highlight;

/**
 * A highlight revision as the views keep and show it. Times are media seconds from the VOD start; {@code open} means
 * the interval is still running on a live stream (a later revision moves its end).
 */
public record HighlightView(String highlightId, int revision, boolean open, double startSec, double endSec, double peakSec,
                            double score, double peakScore, double chatContribution, double audioContribution,
                            double videoContribution, double chatLagSec, boolean snappedToSceneCut, String reason,
                            Integer rank) {

    public static HighlightView of(Highlight h) {
        return new HighlightView(h.getHighlightId(), h.getRevision(), h.getOpen(), h.getStartSec(), h.getEndSec(), h.getPeakSec(),
                h.getScore(), h.getPeakScore(), h.getChatContribution(), h.getAudioContribution(),
                h.getVideoContribution(), h.getChatLagSec(), h.getSnappedToSceneCut(), h.getReason(), h.getRank());
    }

    public double durationSec() {
        return endSec - startSec;
    }

    HighlightView withRank(Integer newRank) {
        return new HighlightView(highlightId, revision, open, startSec, endSec, peakSec, score, peakScore, chatContribution,
                audioContribution, videoContribution, chatLagSec, snappedToSceneCut, reason, newRank);
    }
}
