package dev.highlights.worker.media;

import dev.highlights.avro.MediaSegment;

/**
 * What to decode: a media URI (local path, {@code file:} URI or a URL FFmpeg can read) and the
 * seconds a segment owns, {@code [startSec, endSec)}, plus a pre-roll decoded before it to warm
 * windows and differences.
 *
 * <p>Whole media seconds are the unit: the emitted seconds are {@link #firstSecond()} (=
 * {@code floor(startSec)}) up to, excluding, {@link #endSecond()} (= {@code ceil(endSec)}), or to the
 * end of the media; warm-up seconds are {@link #warmUpSecond()} (= {@code floor(startSec - preRollSec)},
 * at least 0) up to {@code firstSecond()}. Media time 0 is the container's start time.
 */
public record MediaSpan(String uri, double startSec, double endSec, double preRollSec) {

    public MediaSpan {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("media uri is empty");
        }
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException("startSec must be a finite number >= 0, got " + startSec);
        }
        if (!(endSec > startSec)) {
            throw new IllegalArgumentException("endSec must be > startSec, got [" + startSec + ", " + endSec + ")");
        }
        if (!(preRollSec >= 0) || Double.isInfinite(preRollSec)) {
            throw new IllegalArgumentException("preRollSec must be a finite number >= 0, got " + preRollSec);
        }
    }

    /** The whole media, from 0 to its end, without pre-roll. */
    public static MediaSpan wholeFile(String uri) {
        return new MediaSpan(uri, 0, Double.POSITIVE_INFINITY, 0);
    }

    /** The span of a work item. */
    public static MediaSpan of(MediaSegment segment) {
        return new MediaSpan(segment.getMediaUri(), segment.getStartSec(), segment.getEndSec(), segment.getPreRollSec());
    }

    /** First emitted second: {@code floor(startSec)}. */
    public long firstSecond() {
        return (long) Math.floor(startSec);
    }

    /** End of the emitted seconds, exclusive: {@code ceil(endSec)}; {@link Long#MAX_VALUE} when unbounded. */
    public long endSecond() {
        return Double.isInfinite(endSec) ? Long.MAX_VALUE : (long) Math.ceil(endSec);
    }

    /** First decoded (warm-up) second: {@code max(0, floor(startSec - preRollSec))}. */
    public long warmUpSecond() {
        return Math.max(0L, (long) Math.floor(startSec - preRollSec));
    }
}
