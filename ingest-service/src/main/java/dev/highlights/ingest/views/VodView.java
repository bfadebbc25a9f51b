package dev.highlights.ingest.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/vods/{id}} answers: the registration, the status per stage and the highlights so far.
 *
 * @param ended      a live VOD that was ended (always false for VODs)
 * @param stages     INGEST, CHAT, AUDIO, VIDEO, FUSION in that order
 * @param highlights the highlights so far (latest revision each)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VodView(String id, String channel, String title, String mediaUri, String chatUri, String chatFormat,
                      boolean live, boolean ended, Double durationSec, boolean hasAudio, boolean hasVideo,
                      boolean hasChat, double segmentSec, Integer segmentCount, Long streamStartEpochMs,
                      long registeredAtMs, Map<String, StageView> stages, HighlightsView highlights,
                      Map<String, String> links) {

    /**
     * @param state         PENDING, RUNNING, COMPLETED, ABSENT or FAILED
     * @param segmentsDone  work items finished (worker stages; for INGEST: published)
     * @param segmentsTotal work items in all
     * @param lastSecond    last media second the stage produced
     * @param count         the stage's completion count (INGEST: chat messages imported)
     * @param progress      share done, 0 to 1: work items, else media seconds; null while a live stage has no end
     * @param elapsedMs     since the stage began working, to its end once it ended; null before it began
     * @param remainingMs   estimate while it runs, at its pace so far; 0 once completed; null when unknown
     * @param errors        the most recent errors (all are counted in errorCount)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageView(String state, Integer segmentsDone, Integer segmentsTotal, Long lastSecond, Long count,
                            Double progress, Long elapsedMs, Long remainingMs, String absentReason, int errorCount, List<Issue> errors, int warningCount,
                            List<Issue> warnings) {
    }

    /**
     * @param isFinal the end-of-VOD summary arrived: the list is complete and ranked
     * @param items   latest revision per highlight, ranked when final, else by start
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HighlightsView(String vodId, @JsonProperty("final") boolean isFinal, String ordering, int count, List<HighlightView> items) {
    }
}
