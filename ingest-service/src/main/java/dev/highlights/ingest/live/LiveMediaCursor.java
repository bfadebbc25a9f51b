package dev.highlights.ingest.live;

import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.LivePart;
import dev.highlights.ingest.media.HlsPlaylist;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Where a live HLS stream stands, and the work items each reload of its media playlist adds. Pure: no I/O.
 *
 * <ul>
 *   <li>Segments are told apart by media sequence number ({@code #EXT-X-MEDIA-SEQUENCE} plus position), so a
 *       sliding window that drops old segments repeats none and loses none it showed.</li>
 *   <li>Media time is continuous: each new segment starts where the previous one ended (the sum of
 *       {@code #EXTINF}s). The first one starts at the origin the caller gives, the time since the stream
 *       started, so media seconds and live chat offsets count from the same moment.</li>
 *   <li>A work item owns whole seconds up to the last whole second before the newest segment's end; the rest waits
 *       for the next item, so consecutive items never share a second. It names the segments of its seconds and of the
 *       pre-roll before them.</li>
 *   <li>Segments that left the playlist before they were seen are a {@link Gap}: the time goes on by their estimated
 *       length, the pre-roll starts again after them.</li>
 *   <li>The final item ({@code #EXT-X-ENDLIST}, or {@link #finish()}) owns the rest, to the exact end.</li>
 * </ul>
 */
public final class LiveMediaCursor {

    /** A playlist segment placed on the VOD's timeline; URIs absolute. */
    public record Part(long sequence, String uri, double startSec, double durationSec, String initUri) {
        double endSec() {
            return startSec + durationSec;
        }
    }

    /** A work item to publish: the seconds it owns, {@code [startSec, endSec)}, and the segments to decode. */
    public record WorkItem(int index, double startSec, double endSec, double preRollSec, List<Part> parts,
                           boolean last) {
    }

    /** Segments missed between two reloads: their sequence numbers and estimated length. */
    public record Gap(long firstMissing, long missing, double atSec, double estimatedSec) {
    }

    /** What a reload added. */
    public record Update(List<WorkItem> items, List<Gap> gaps) {
        static final Update NONE = new Update(List.of(), List.of());

        public boolean isEmpty() {
            return items.isEmpty() && gaps.isEmpty();
        }
    }

    private final double preRollSec;
    private final ToDoubleFunction<HlsPlaylist> originOf;
    private final ArrayDeque<Part> recent = new ArrayDeque<>();
    private long nextSequence = -1;
    private double nextStartSec;
    private double ownedUntilSec;
    private double longestPartSec;
    private int nextIndex;
    private boolean finished;
    private boolean growing;

    /**
     * @param preRollSec seconds decoded before each item's first second, as for a VOD's work items
     * @param originOf   where the first playlist's first segment starts, seconds since the stream started
     */
    public LiveMediaCursor(double preRollSec, ToDoubleFunction<HlsPlaylist> originOf) {
        this.preRollSec = preRollSec;
        this.originOf = originOf;
    }

    /**
     * Takes a reload of the media playlist.
     *
     * @param resolve makes a playlist entry an absolute URI (and may refuse it by throwing)
     */
    public Update advance(HlsPlaylist playlist, UnaryOperator<String> resolve) {
        if (finished) {
            return Update.NONE;
        }
        List<WorkItem> items = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        long first = playlist.mediaSequence();
        if (nextSequence < 0) {
            nextSequence = first;
            nextStartSec = Math.max(0, originOf.applyAsDouble(playlist));
            ownedUntilSec = nextStartSec;
        } else if (first + playlist.items().size() < nextSequence) {
            return Update.NONE; // an older copy of the playlist (a cache behind): the sequence never goes back
        } else if (first > nextSequence) {
            // What is not owned yet ends at the gap; after it, the pre-roll has nothing to reach back to.
            if (nextStartSec > ownedUntilSec) {
                items.add(item(ownedUntilSec, nextStartSec, false));
            }
            long missing = first - nextSequence;
            double estimate = missing * (playlist.targetDuration() > 0 ? playlist.targetDuration() : longestPartSec);
            gaps.add(new Gap(nextSequence, missing, nextStartSec, estimate));
            nextStartSec += estimate;
            ownedUntilSec = nextStartSec;
            nextSequence = first;
            recent.clear();
        }
        boolean added = false;
        for (int i = 0; i < playlist.items().size(); i++) {
            long sequence = first + i;
            if (sequence < nextSequence) {
                continue;
            }
            HlsPlaylist.Item item = playlist.items().get(i);
            Part part = new Part(sequence, resolve.apply(item.uri()), nextStartSec, item.durationSec(),
                    item.initUri() == null ? null : resolve.apply(item.initUri()));
            recent.add(part);
            longestPartSec = Math.max(longestPartSec, item.durationSec());
            nextStartSec = part.endSec();
            nextSequence = sequence + 1;
            added = true;
            growing = true;
        }
        if (playlist.ended()) {
            items.addAll(finish().items());
        } else if (added) {
            // The last whole second before the end, and never the end itself: the final item always has a second left.
            double end = Math.ceil(nextStartSec) - 1;
            if (end > ownedUntilSec) {
                items.add(item(ownedUntilSec, end, false));
            }
        }
        return new Update(items, gaps);
    }

    /** Ends the stream: the final item owns what is left (no item when no segment was ever seen). */
    public Update finish() {
        if (finished) {
            return Update.NONE;
        }
        finished = true;
        if (!growing || !(nextStartSec > ownedUntilSec)) {
            return Update.NONE;
        }
        return new Update(List.of(item(ownedUntilSec, nextStartSec, true)), List.of());
    }

    private WorkItem item(double start, double end, boolean last) {
        double from = start - preRollSec;
        List<Part> parts = recent.stream().filter(p -> p.endSec() > from && p.startSec() < end).toList();
        double preRoll = parts.isEmpty() ? 0 : Math.max(0, start - Math.max(from, parts.get(0).startSec()));
        WorkItem item = new WorkItem(nextIndex++, start, end, preRoll, parts, last);
        ownedUntilSec = end;
        recent.removeIf(p -> p.endSec() <= end - preRollSec);
        return item;
    }

    /** The cursor as the live-media topic keeps it. */
    public LiveMediaState toState(String vodId, String mediaPlaylistUri, long nowMs) {
        return LiveMediaState.newBuilder()
                .setVodId(vodId)
                .setMediaPlaylistUri(mediaPlaylistUri)
                .setNextSequence(nextSequence)
                .setNextStartSec(nextStartSec)
                .setOwnedUntilSec(ownedUntilSec)
                .setNextIndex(nextIndex)
                .setLongestPartSec(longestPartSec)
                .setFinished(finished)
                .setRecent(recent.stream().map(p -> LivePart.newBuilder().setUri(p.uri()).setStartSec(p.startSec())
                        .setDurationSec(p.durationSec()).setInitUri(p.initUri()).build()).toList())
                .setUpdatedAtMs(nowMs)
                .build();
    }

    /** A cursor that goes on from a state {@link #toState} wrote (by this replica or another, before a restart). */
    public static LiveMediaCursor fromState(LiveMediaState state, double preRollSec,
                                            ToDoubleFunction<HlsPlaylist> originOf) {
        LiveMediaCursor c = new LiveMediaCursor(preRollSec, originOf);
        long sequence = state.getNextSequence() - state.getRecent().size();
        for (LivePart p : state.getRecent()) {
            c.recent.add(new Part(sequence++, p.getUri(), p.getStartSec(), p.getDurationSec(), p.getInitUri()));
        }
        c.nextSequence = state.getNextSequence();
        c.nextStartSec = state.getNextStartSec();
        c.ownedUntilSec = state.getOwnedUntilSec();
        c.nextIndex = state.getNextIndex();
        c.longestPartSec = state.getLongestPartSec();
        c.finished = state.getFinished();
        c.growing = c.nextSequence >= 0;
        return c;
    }

    /** An independent copy: advance it, publish what it made, and keep it only once that was published. */
    public LiveMediaCursor copy() {
        LiveMediaCursor c = new LiveMediaCursor(preRollSec, originOf);
        c.recent.addAll(recent);
        c.nextSequence = nextSequence;
        c.nextStartSec = nextStartSec;
        c.ownedUntilSec = ownedUntilSec;
        c.longestPartSec = longestPartSec;
        c.nextIndex = nextIndex;
        c.finished = finished;
        c.growing = growing;
        return c;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Work items made so far. */
    public int itemCount() {
        return nextIndex;
    }

    /** Where the newest segment ends, seconds. */
    public double endSec() {
        return nextStartSec;
    }
}
