package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every highlight emitted for one VOD, with its latest content and revision: what decides whether a (re)computed run
 * is new, an update of an emitted highlight, or nothing at all. Kept for the whole VOD because the end-of-VOD summary
 * ranks them all (about 150 bytes each).
 *
 * <p>Identity rule: a run takes over the earliest live highlight it overlaps (same id, revision + 1 if anything
 * changed); further live highlights it overlaps are retracted (they merged); a run that overlaps none gets a new id
 * from its start. A run that is now too short retracts what it overlaps.
 */
final class HighlightRecords {
    /** One emitted highlight. {@code ruleStart/ruleEnd} are the detected run, before snapping. */
    static final class Entry {
        final String id;
        int ruleStart;
        int ruleEnd;
        HighlightUpdate last;

        Entry(String id, int ruleStart, int ruleEnd, HighlightUpdate last) {
            this.id = id;
            this.ruleStart = ruleStart;
            this.ruleEnd = ruleEnd;
            this.last = last;
        }

        boolean live() {
            return last != null && !last.retracted();
        }
    }

    /** Computes the content of a run for a given id. */
    interface Summarizer {
        HighlightUpdate summarize(IntervalBuilder.Run run, String id, int previousEnd);
    }

    private static final Comparator<Entry> BY_START = Comparator.comparingInt((Entry e) -> e.ruleStart);

    /** Sorted by ruleStart; live entries never overlap, so their ends are sorted too. */
    private final List<Entry> entries = new ArrayList<>();

    /** Publishes a closed run: new highlight, revision, retraction or nothing (content unchanged). */
    void settle(String vodId, IntervalBuilder.Run run, boolean keep, Summarizer summarizer, List<HighlightUpdate> out) {
        List<Entry> overlapping = liveOverlapping(run);
        if (!keep) {
            for (Entry e : overlapping) retract(e, out);
            return;
        }
        Entry target = overlapping.isEmpty() ? null : overlapping.get(0);
        for (int i = 1; i < overlapping.size(); i++) retract(overlapping.get(i), out);
        if (target == null) target = claim(vodId, run);
        HighlightUpdate content = summarizer.summarize(run, target.id, previousEnd(run.start(), target));
        target.ruleStart = run.start();
        target.ruleEnd = run.end();
        entries.sort(BY_START);
        publish(target, content, out);
    }

    /**
     * After a re-scan from {@code from}: retracts live highlights starting there or later that no longer match any
     * closed run nor the open run (their seconds stopped being highlight seconds).
     */
    void retractUnmatched(int from, List<IntervalBuilder.Run> closed, IntervalBuilder.Run open, List<HighlightUpdate> out) {
        for (Entry e : entries) {
            if (!e.live() || e.ruleStart < from) continue;
            boolean matched = open != null && open.overlaps(e.ruleStart, e.ruleEnd);
            for (int i = 0; i < closed.size() && !matched; i++) matched = closed.get(i).overlaps(e.ruleStart, e.ruleEnd);
            if (!matched) retract(e, out);
        }
    }

    /** Latest content of every live highlight, in start order. */
    List<HighlightUpdate> live() {
        List<HighlightUpdate> out = new ArrayList<>();
        for (Entry e : entries) if (e.live()) out.add(e.last);
        return out;
    }

    int size() {
        return entries.size();
    }

    private List<Entry> liveOverlapping(IntervalBuilder.Run run) {
        // Walk back from the newest: live entries are sorted by end too, so stop at the first that ends before the run.
        List<Entry> found = new ArrayList<>(1);
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (!e.live()) continue;
            if (e.ruleEnd <= run.start()) break;
            if (run.overlaps(e.ruleStart, e.ruleEnd)) found.add(0, e);
        }
        return found;
    }

    /** End of the nearest live highlight before {@code start} other than {@code self}; 0 when none. */
    private int previousEnd(int start, Entry self) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e != self && e.live() && e.ruleStart < start) return e.last.endSec();
        }
        return 0;
    }

    /** A fresh id for a run, or a retracted highlight's id coming back to life at the same start. */
    private Entry claim(String vodId, IntervalBuilder.Run run) {
        for (int attempt = 0; ; attempt++) {
            String id = HighlightIds.of(vodId, run.start(), attempt);
            Entry existing = byId(id);
            if (existing == null) {
                Entry e = new Entry(id, run.start(), run.end(), null);
                entries.add(e);
                return e;
            }
            if (!existing.live()) return existing;
        }
    }

    private Entry byId(String id) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).id.equals(id)) return entries.get(i);
        }
        return null;
    }

    private static void publish(Entry e, HighlightUpdate content, List<HighlightUpdate> out) {
        if (e.live() && e.last.sameContent(content)) return;
        int revision = e.last == null ? 1 : e.last.revision() + 1;
        e.last = content.withRevision(revision);
        out.add(e.last);
    }

    private static void retract(Entry e, List<HighlightUpdate> out) {
        if (!e.live()) return;
        e.last = e.last.retractedAt(e.last.revision() + 1);
        out.add(e.last);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(entries.size());
        for (Entry e : entries) {
            out.writeUTF(e.id);
            out.writeInt(e.ruleStart);
            out.writeInt(e.ruleEnd);
            HighlightUpdate h = e.last;
            out.writeUTF(h.vodId());
            out.writeInt(h.revision());
            out.writeBoolean(h.retracted());
            out.writeBoolean(h.open());
            out.writeInt(h.startSec());
            out.writeInt(h.endSec());
            out.writeInt(h.peakSec());
            out.writeDouble(h.score());
            out.writeDouble(h.peakScore());
            out.writeDouble(h.chatContribution());
            out.writeDouble(h.audioContribution());
            out.writeDouble(h.videoContribution());
            out.writeInt(h.chatLagSec());
            out.writeBoolean(h.snappedToSceneCut());
            out.writeUTF(h.reason());
        }
    }

    static HighlightRecords read(DataInput in) throws IOException {
        HighlightRecords r = new HighlightRecords();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            int ruleStart = in.readInt();
            int ruleEnd = in.readInt();
            HighlightUpdate h = new HighlightUpdate(id, in.readUTF(), in.readInt(), in.readBoolean(), in.readBoolean(), in.readInt(),
                    in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readInt(), in.readBoolean(), in.readUTF(), null);
            r.entries.add(new Entry(id, ruleStart, ruleEnd, h));
        }
        return r;
    }
}
