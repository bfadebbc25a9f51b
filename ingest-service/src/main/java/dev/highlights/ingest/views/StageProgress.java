package dev.highlights.ingest.views;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What the status events of one stage of one VOD add up to. Mutable, folded by {@link StatusFold}, stored as
 * JSON (fields only).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class StageProgress {
    static final int MAX_ISSUES = 20;

    /** Some event other than an error arrived (ACCEPTED, STARTED, PROGRESS ...). */
    boolean started;
    /** A stage-level COMPLETED event (no segment index) arrived. */
    boolean completed;
    /** MODALITY_ABSENT: the stage has nothing to work on for this VOD. */
    boolean absent;
    String absentReason;
    /** Largest segmentsTotal reported. */
    Integer segmentsTotal;
    /** Largest segmentsDone reported by an event (for stages that count themselves). */
    Integer reportedSegmentsDone;
    /** Segments with a COMPLETED event, as {@link BitSet#toLongArray()}. */
    long[] doneSegments = new long[0];
    /** Segments with an ERROR event. */
    long[] failedSegments = new long[0];
    /** Largest lastSecond reported. */
    Long lastSecond;
    /** Count of the last stage-level COMPLETED event (messages imported, seconds ...). */
    Long count;
    /** Sum of the counts of distinct PROGRESS events (live chat batches). */
    long progressCount;
    int errorCount;
    List<Issue> errors = new ArrayList<>();
    int warningCount;
    List<Issue> warnings = new ArrayList<>();
    long updatedAtMs;
    /** Earliest event that says the stage works (not an error), epoch ms; 0 until one arrived. */
    long startedAtMs;

    /** When the stage began working, epoch ms; 0 while it has not. */
    public long startedAtMs() {
        return startedAtMs;
    }

    public boolean started() {
        return started;
    }

    public boolean completed() {
        return completed;
    }

    public boolean absent() {
        return absent;
    }

    public String absentReason() {
        return absentReason;
    }

    public Integer segmentsTotal() {
        return segmentsTotal;
    }

    /** Segments completed: distinct COMPLETED segment events, or what the stage reported, whichever is larger. */
    public int segmentsDone() {
        int done = BitSet.valueOf(doneSegments).cardinality();
        return reportedSegmentsDone == null ? done : Math.max(done, reportedSegmentsDone);
    }

    /** Segments that failed and did not complete later. */
    public int segmentsFailed() {
        BitSet failed = BitSet.valueOf(failedSegments);
        failed.andNot(BitSet.valueOf(doneSegments));
        return failed.cardinality();
    }

    public Long lastSecond() {
        return lastSecond;
    }

    public Long count() {
        return count;
    }

    public long progressCount() {
        return progressCount;
    }

    public int errorCount() {
        return errorCount;
    }

    public List<Issue> errors() {
        return List.copyOf(errors);
    }

    public int warningCount() {
        return warningCount;
    }

    public List<Issue> warnings() {
        return List.copyOf(warnings);
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    /**
     * PENDING (nothing yet), RUNNING, COMPLETED, ABSENT or FAILED.
     *
     * @param expectedSegments for stages that work per media segment (AUDIO, VIDEO): the VOD's work items, used
     *                         when the stage reported no total itself; such a stage is COMPLETED when every
     *                         segment completed, FAILED when every segment is done or failed with some failed.
     *                         Null for stage-level stages (INGEST, CHAT, FUSION): COMPLETED on their completion
     *                         event, FAILED on an error without one.
     */
    public String state(Integer expectedSegments) {
        if (absent) {
            return "ABSENT";
        }
        if (completed) {
            return "COMPLETED";
        }
        if (expectedSegments != null) {
            int total = segmentsTotal != null ? segmentsTotal : expectedSegments;
            int done = segmentsDone();
            if (total > 0 && done >= total) {
                return "COMPLETED";
            }
            if (errorCount > 0 && (total == 0 || done + segmentsFailed() >= total)) {
                return "FAILED";
            }
        } else if (errorCount > 0) {
            return "FAILED";
        }
        return started || segmentsDone() > 0 || errorCount > 0 ? "RUNNING" : "PENDING";
    }
}
