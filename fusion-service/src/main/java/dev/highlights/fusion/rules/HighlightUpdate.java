package dev.highlights.fusion.rules;

/**
 * One highlight event: a new interval (revision 1) or an update of one already emitted (same id, higher revision).
 * Field meanings follow the {@code Highlight} Avro schema; times are whole media seconds from the VOD start.
 *
 * @param highlightId       deterministic id: the VOD id and the interval's start when it was first emitted
 * @param revision          1 for the first emission, +1 for each change; consumers keep the highest per id
 * @param retracted         a late input removed this interval (too short now, merged into another, static screen);
 * @param open              the interval is still running: its end may grow in later revisions; the closing
 *                          revision has open false
 * @param startSec          interval start (inclusive), after snapping to a scene cut
 * @param endSec            interval end (exclusive)
 * @param peakSec           second with the highest final score
 * @param score             mean final score over the detected seconds [start before snapping, end)
 * @param chatContribution  mean weighted smoothed chat term over those seconds (so the three sum to {@code score})
 * @param chatLagSec        chat lag compensated at the peak second
 * @param snappedToSceneCut the start was moved back to a scene cut
 * @param reason            e.g. "chat EXCEPTIONAL 34 msg/s, audio +2.8 sd, cut at 01:02:03"
 * @param rank              1-based rank in the end-of-VOD summary; null in streaming updates
 */
public record HighlightUpdate(
        String highlightId,
        String vodId,
        int revision,
        boolean retracted,
        boolean open,
        int startSec,
        int endSec,
        int peakSec,
        double score,
        double peakScore,
        double chatContribution,
        double audioContribution,
        double videoContribution,
        int chatLagSec,
        boolean snappedToSceneCut,
        String reason,
        Integer rank) {

    public int durationSec() {
        return endSec - startSec;
    }

    HighlightUpdate withRevision(int rev) {
        return new HighlightUpdate(highlightId, vodId, rev, retracted, open, startSec, endSec, peakSec, score, peakScore,
                chatContribution, audioContribution, videoContribution, chatLagSec, snappedToSceneCut, reason, rank);
    }

    HighlightUpdate retractedAt(int rev) {
        return new HighlightUpdate(highlightId, vodId, rev, true, open, startSec, endSec, peakSec, score, peakScore,
                chatContribution, audioContribution, videoContribution, chatLagSec, snappedToSceneCut, reason, rank);
    }

    HighlightUpdate withRank(int r) {
        return new HighlightUpdate(highlightId, vodId, revision, retracted, open, startSec, endSec, peakSec, score, peakScore,
                chatContribution, audioContribution, videoContribution, chatLagSec, snappedToSceneCut, reason, r);
    }

    /** Equal apart from the revision: a recomputation that gives this again is not a change. */
    boolean sameContent(HighlightUpdate o) {
        return o != null && equals(o.withRevision(revision));
    }
}
