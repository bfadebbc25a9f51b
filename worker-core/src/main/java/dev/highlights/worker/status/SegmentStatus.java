package dev.highlights.worker.status;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.worker.media.MediaDecodeException;

/**
 * Pipeline-status events of a worker stage for one segment. Event ids are deterministic
 * ({@code <stage>/<segmentId>/<kind>[/<lastSecond>]}), so a redelivered segment produces events
 * that downstream consumers recognise as the same. {@code segmentsDone} is left to whoever counts
 * completions per VOD: a single worker sees only its own segments.
 */
public final class SegmentStatus {
    private SegmentStatus() {
    }

    public static PipelineStatus started(Stage stage, MediaSegment seg, long nowMs) {
        return base(stage, seg, StatusKind.STARTED, null, nowMs).build();
    }

    /** Progress after a batch: {@code lastSecond} is the last media second emitted so far. */
    public static PipelineStatus progress(Stage stage, MediaSegment seg, long lastSecond, long nowMs) {
        return base(stage, seg, StatusKind.PROGRESS, "/" + lastSecond, nowMs).setLastSecond(lastSecond).build();
    }

    /** The segment is done; {@code lastSecond} is null when it produced no second (span past the media end). */
    public static PipelineStatus completed(Stage stage, MediaSegment seg, Long lastSecond, long secondsEmitted, long nowMs) {
        return base(stage, seg, StatusKind.COMPLETED, null, nowMs)
                .setLastSecond(lastSecond)
                .setCount(secondsEmitted)
                .build();
    }

    /** A media error: ERROR, or MODALITY_ABSENT when the stream kind does not exist in the media. */
    public static PipelineStatus failed(Stage stage, MediaSegment seg, MediaDecodeException e, long nowMs) {
        StatusKind kind = e.isModalityAbsent() ? StatusKind.MODALITY_ABSENT : StatusKind.ERROR;
        return base(stage, seg, kind, null, nowMs)
                .setErrorCode(e.errorCode())
                .setMessage(e.getMessage())
                .build();
    }

    /** A worker-side failure (model, bug) for this segment, with a machine-readable code. */
    public static PipelineStatus error(Stage stage, MediaSegment seg, String errorCode, String message, long nowMs) {
        return base(stage, seg, StatusKind.ERROR, null, nowMs)
                .setErrorCode(errorCode)
                .setMessage(message)
                .build();
    }

    private static PipelineStatus.Builder base(Stage stage, MediaSegment seg, StatusKind kind, String suffix, long nowMs) {
        return PipelineStatus.newBuilder()
                .setEventId(stage + "/" + seg.getSegmentId() + "/" + kind + (suffix == null ? "" : suffix))
                .setVodId(seg.getVodId())
                .setStage(stage)
                .setKind(kind)
                .setSegmentIndex(seg.getIndex())
                .setSegmentsTotal(seg.getCount())
                .setTimestampMs(nowMs);
    }
}
