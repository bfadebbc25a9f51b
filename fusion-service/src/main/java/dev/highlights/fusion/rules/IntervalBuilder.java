package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Joins final highlight flags, fed in second order, into runs: highlight seconds separated by at most maxGap other
 * seconds form one run; a hard break (a static-screen second) ends a run at once. It does not apply the minimum
 * duration; the caller decides what a closed run is worth.
 *
 * <p>It also knows where it was idle (no open run, no run that a later flag could still extend): a builder started
 * idle at such a second produces exactly the same runs from there on, which is what makes pruning and re-scanning a
 * window safe. For that it remembers the busy stretches [run start, second after the run closed) since the last
 * {@link #forgetBefore} point: a handful at most.
 */
final class IntervalBuilder {
    /** A run of highlight seconds [start, end): start is the first and end - 1 the last highlight second. */
    record Run(int start, int end) {
        int length() {
            return end - start;
        }

        boolean overlaps(int otherStart, int otherEnd) {
            return start < otherEnd && otherStart < end;
        }
    }

    private final int maxGap;
    private int openStart = -1;
    private int lastFlag = -1;
    /** Busy stretches of closed runs, oldest first: {start, first idle second after it}. */
    private final Deque<int[]> busy = new ArrayDeque<>();

    IntervalBuilder(int maxGap) {
        this.maxGap = maxGap;
    }

    /** Feeds second s; returns the run that this second closed, or null. */
    Run accept(int s, boolean flag, boolean hardBreak) {
        if (flag) {
            if (openStart < 0) openStart = s;
            lastFlag = s;
            return null;
        }
        if (openStart >= 0 && (hardBreak || s - lastFlag > maxGap)) return close(s + 1);
        return null;
    }

    /** Closes the open run at the end of the VOD; null when none is open. */
    Run finish(int vodEnd) {
        return openStart < 0 ? null : close(Math.max(vodEnd, lastFlag + 1));
    }

    private Run close(int idleFrom) {
        Run run = new Run(openStart, lastFlag + 1);
        busy.addLast(new int[] {openStart, idleFrom});
        openStart = -1;
        return run;
    }

    boolean isOpen() {
        return openStart >= 0;
    }

    /** The open run so far, or null. */
    Run openRun() {
        return openStart < 0 ? null : new Run(openStart, lastFlag + 1);
    }

    /**
     * The latest second at or before {@code x} (x at most the last fed second + 1) before which the builder was
     * idle: x itself, or the start of the run that was busy at x.
     */
    int idlePointAtOrBefore(int x) {
        if (openStart >= 0 && x >= openStart) return openStart;
        for (Iterator<int[]> it = busy.descendingIterator(); it.hasNext(); ) {
            int[] span = it.next();
            if (x >= span[1]) return x;
            if (x >= span[0]) return span[0];
        }
        return x;
    }

    /** Drops busy stretches that ended before p: nothing will ask about them again. */
    void forgetBefore(int p) {
        while (!busy.isEmpty() && busy.peekFirst()[1] <= p) busy.removeFirst();
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(maxGap);
        out.writeInt(openStart);
        out.writeInt(lastFlag);
        out.writeInt(busy.size());
        for (int[] span : busy) {
            out.writeInt(span[0]);
            out.writeInt(span[1]);
        }
    }

    static IntervalBuilder read(DataInput in) throws IOException {
        IntervalBuilder b = new IntervalBuilder(in.readInt());
        b.openStart = in.readInt();
        b.lastFlag = in.readInt();
        int spans = in.readInt();
        for (int i = 0; i < spans; i++) b.busy.addLast(new int[] {in.readInt(), in.readInt()});
        return b;
    }
}
