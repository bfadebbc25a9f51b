package dev.highlights.ingest.views;

import dev.highlights.avro.PipelineStatus;
import java.util.BitSet;
import java.util.List;

/**
 * Folds pipeline-status events into a {@link VodProgress}. Replays change nothing: an event id seen among the
 * last {@value VodProgress#RECENT_EVENT_IDS} of the VOD is skipped, segment completions are a set, seconds and
 * totals are maxima. Plain logic, no Kafka.
 */
public final class StatusFold {

    private StatusFold() {
    }

    /** Applies one event; false when it was a replay and nothing changed. */
    public static boolean apply(VodProgress progress, PipelineStatus s) {
        String eventId = s.getEventId();
        if (progress.seen(eventId)) {
            return false;
        }
        progress.remember(eventId);
        progress.events++;
        progress.updatedAtMs = Math.max(progress.updatedAtMs, s.getTimestampMs());
        String stageName = s.getStage() == null ? "UNKNOWN" : s.getStage().name();
        StageProgress p = progress.stageForUpdate(stageName);
        p.updatedAtMs = Math.max(p.updatedAtMs, s.getTimestampMs());
        if (s.getSegmentsTotal() != null) {
            p.segmentsTotal = p.segmentsTotal == null ? s.getSegmentsTotal() : Math.max(p.segmentsTotal, s.getSegmentsTotal());
        }
        if (s.getSegmentsDone() != null) {
            p.reportedSegmentsDone = p.reportedSegmentsDone == null ? s.getSegmentsDone()
                    : Math.max(p.reportedSegmentsDone, s.getSegmentsDone());
        }
        if (s.getLastSecond() != null) {
            p.lastSecond = p.lastSecond == null ? s.getLastSecond() : Math.max(p.lastSecond, s.getLastSecond());
        }
        Integer segment = s.getSegmentIndex();
        switch (s.getKind()) {
            case ACCEPTED, STARTED, PROGRESS, COMPLETED -> p.startedAtMs = p.startedAtMs == 0 ? s.getTimestampMs()
                    : Math.min(p.startedAtMs, s.getTimestampMs());
            default -> {
                // errors, warnings and absence do not start a stage
            }
        }
        switch (s.getKind()) {
            case ACCEPTED, STARTED -> p.started = true;
            case PROGRESS -> {
                p.started = true;
                if (s.getCount() != null) {
                    p.progressCount += s.getCount();
                }
            }
            case COMPLETED -> {
                p.started = true;
                if (segment != null && segment >= 0) {
                    p.doneSegments = set(p.doneSegments, segment);
                } else {
                    p.completed = true;
                    if (s.getCount() != null) {
                        p.count = s.getCount();
                    }
                }
            }
            case MODALITY_ABSENT -> {
                p.absent = true;
                p.absentReason = s.getMessage();
            }
            case WARNING -> {
                p.warningCount++;
                add(p.warnings, issue(s, stageName));
            }
            case ERROR -> {
                p.errorCount++;
                add(p.errors, issue(s, stageName));
                if (segment != null && segment >= 0) {
                    p.failedSegments = set(p.failedSegments, segment);
                }
            }
            default -> {
                // UNKNOWN (a newer writer's kind): counted as an event, nothing else
            }
        }
        return true;
    }

    private static Issue issue(PipelineStatus s, String stage) {
        return new Issue(s.getEventId(), stage, s.getKind().name(), s.getErrorCode(), s.getMessage(),
                s.getSegmentIndex(), s.getTimestampMs());
    }

    /** Keeps the most recent {@link StageProgress#MAX_ISSUES}. */
    private static void add(List<Issue> list, Issue issue) {
        list.add(issue);
        if (list.size() > StageProgress.MAX_ISSUES) {
            list.remove(0);
        }
    }

    private static long[] set(long[] bits, int index) {
        BitSet b = BitSet.valueOf(bits);
        b.set(index);
        return b.toLongArray();
    }
}
