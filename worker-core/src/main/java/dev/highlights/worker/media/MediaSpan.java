package dev.highlights.worker.media;

import dev.highlights.avro.MediaPart;
import dev.highlights.avro.MediaSegment;
import java.util.List;

/**
 * What to decode: a media URI (local path, {@code file:} URI or a URL FFmpeg can read) and the
 * seconds a segment owns, {@code [startSec, endSec)}, plus a pre-roll decoded before it to warm
 * windows and differences.
 *
 * <p>Whole media seconds are the unit: the emitted seconds are {@link #firstSecond()} (=
 * {@code floor(startSec)}) up to, excluding, {@link #endSecond()} (= {@code ceil(endSec)}), or to the
 * end of the media; warm-up seconds are {@link #warmUpSecond()} (= {@code floor(startSec - preRollSec)},
 * at least 0) up to {@code firstSecond()}. Media time 0 is the container's start time.
 *
 * <p>A live work item names the playlist segments to read instead ({@link #pieces()}, not empty): they are decoded
 * as one short playlist, and its start is media second {@code pieces.get(0).startSec()}.
 */
public record MediaSpan(String uri, double startSec, double endSec, double preRollSec, List<Piece> pieces) {

    /** A segment of a live playlist: its URI, where it starts in the VOD, and its initialisation section or null. */
    public record Piece(String uri, double startSec, double durationSec, String initUri) {
        public Piece {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("a live media part has no uri");
            }
            if (!(startSec >= 0) || Double.isInfinite(startSec) || !(durationSec >= 0)
                    || Double.isInfinite(durationSec)) {
                throw new IllegalArgumentException("a live media part must start at a finite second >= 0 and last a "
                        + "finite time >= 0, got " + startSec + " + " + durationSec);
            }
        }
    }

    public MediaSpan(String uri, double startSec, double endSec, double preRollSec) {
        this(uri, startSec, endSec, preRollSec, List.of());
    }

    public MediaSpan {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("media uri is empty");
        }
        pieces = pieces == null ? List.of() : List.copyOf(pieces);
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
        List<Piece> pieces = segment.getParts() == null ? List.of() : segment.getParts().stream()
                .map(MediaSpan::piece).toList();
        return new MediaSpan(segment.getMediaUri(), segment.getStartSec(), segment.getEndSec(), segment.getPreRollSec(),
                pieces);
    }

    private static Piece piece(MediaPart part) {
        return new Piece(part.getUri(), part.getStartSec(), part.getDurationSec(), part.getInitUri());
    }

    /** The same span with other bounds (the same media). */
    public MediaSpan withBounds(double startSec, double endSec, double preRollSec) {
        return new MediaSpan(uri, startSec, endSec, preRollSec, pieces);
    }

    /** Whether this names live playlist segments rather than one input. */
    public boolean isLive() {
        return !pieces.isEmpty();
    }

    /** Media second of the input's time 0: where the first live piece starts, 0 for one input. */
    public double originSec() {
        return pieces.isEmpty() ? 0 : pieces.get(0).startSec();
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
