package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Joins final highlight flags, fed in second order, into runs: highlight seconds separated by at most maxGap other
 * seconds form one run; a hard break (a static-screen second) ends a run at once. It does not apply the minimum
 * duration; the caller decides what a closed run is worth.
 *
 * <p>It also remembers since when it has been idle (no open run, no run that a later flag could still extend): a
 * builder started idle at such a second produces exactly the same runs from there on, which is what makes pruning
 * and re-scanning a window safe.
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
    private int idleSince;

    IntervalBuilder(int maxGap, int idleSince) {
        this.maxGap = maxGap;
        this.idleSince = idleSince;
    }

    /** Feeds second s; returns the run that this second closed, or null. */
    Run accept(int s, boolean flag, boolean hardBreak) {
        if (flag) {
            if (openStart < 0) openStart = s;
            lastFlag = s;
            return null;
        }
        if (openStart >= 0 && (hardBreak || s - lastFlag > maxGap)) {
            Run run = new Run(openStart, lastFlag + 1);
            openStart = -1;
            idleSince = s + 1;
            return run;
        }
        return null;
    }

    /** Closes the open run at the end of the VOD; null when none is open. */
    Run finish(int vodEnd) {
        if (openStart < 0) return null;
        Run run = new Run(openStart, lastFlag + 1);
        openStart = -1;
        idleSince = vodEnd;
        return run;
    }

    boolean isOpen() {
        return openStart >= 0;
    }

    int openStart() {
        return openStart;
    }

    /** The open run so far, or null. */
    Run openRun() {
        return openStart < 0 ? null : new Run(openStart, lastFlag + 1);
    }

    /**
     * The earliest second from which the builder has been idle without interruption, up to the open run's start
     * (or up to the last fed second when nothing is open). Any second in that stretch is a safe restart point.
     */
    int idleSince() {
        return idleSince;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(maxGap);
        out.writeInt(openStart);
        out.writeInt(lastFlag);
        out.writeInt(idleSince);
    }

    static IntervalBuilder read(DataInput in) throws IOException {
        IntervalBuilder b = new IntervalBuilder(in.readInt(), 0);
        b.openStart = in.readInt();
        b.lastFlag = in.readInt();
        b.idleSince = in.readInt();
        return b;
    }
}
