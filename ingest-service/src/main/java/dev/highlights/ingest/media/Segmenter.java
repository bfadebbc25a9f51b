package dev.highlights.ingest.media;

import java.util.ArrayList;
import java.util.List;

/**
 * How a VOD's media is cut into work items. Pure arithmetic, no I/O.
 *
 * <ul>
 *   <li>Plain media: consecutive slices of {@code segmentSec} ({@code [i*s, min((i+1)*s, duration))}), the last
 *       one shorter. Unknown duration: one slice from 0 to +infinity (the worker reads to the end).</li>
 *   <li>HLS: consecutive playlist segments are grouped until a group holds at least {@code segmentSec}, so work
 *       items start and end on playlist-segment boundaries (a worker fetches only its own segments).</li>
 *   <li>Every slice but the first gets a pre-roll of {@code min(preRollSec, start)}.</li>
 * </ul>
 */
public final class Segmenter {

    /** One work item's span: {@code [startSec, endSec)} plus the pre-roll decoded before it. */
    public record Slice(double startSec, double endSec, double preRollSec) {
    }

    private Segmenter() {
    }

    public static List<Slice> fixed(Double durationSec, double segmentSec, double preRollSec) {
        check(segmentSec, preRollSec);
        List<Slice> out = new ArrayList<>();
        if (durationSec == null || !(durationSec > 0) || durationSec.isInfinite()) {
            out.add(new Slice(0, Double.POSITIVE_INFINITY, 0));
            return out;
        }
        long count = Math.max(1, (long) Math.ceil(durationSec / segmentSec - 1e-9));
        for (long i = 0; i < count; i++) {
            double start = i * segmentSec;
            double end = Math.min((i + 1) * segmentSec, durationSec);
            if (end <= start) {
                break;
            }
            out.add(new Slice(start, end, Math.min(preRollSec, start)));
        }
        return out;
    }

    /** Groups playlist segments of the given durations. */
    public static List<Slice> grouped(List<Double> itemDurations, double segmentSec, double preRollSec) {
        check(segmentSec, preRollSec);
        List<Slice> out = new ArrayList<>();
        double start = 0;
        double position = 0;
        boolean open = false;
        for (double d : itemDurations) {
            position += d;
            open = true;
            if (position - start >= segmentSec - 1e-9) {
                out.add(new Slice(start, position, Math.min(preRollSec, start)));
                start = position;
                open = false;
            }
        }
        if (open && position > start) {
            out.add(new Slice(start, position, Math.min(preRollSec, start)));
        }
        return out;
    }

    private static void check(double segmentSec, double preRollSec) {
        if (!(segmentSec > 0) || Double.isInfinite(segmentSec)) {
            throw new IllegalArgumentException("segment length must be > 0 seconds, got " + segmentSec);
        }
        if (!(preRollSec >= 0) || Double.isInfinite(preRollSec)) {
            throw new IllegalArgumentException("pre-roll must be >= 0 seconds, got " + preRollSec);
        }
    }
}
