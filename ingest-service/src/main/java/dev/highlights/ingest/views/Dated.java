package dev.highlights.ingest.views;

/** A per-VOD view value that keeps the time of the last record folded into it, which its retention runs from. */
interface Dated {
    /** Timestamp of the last record folded in; 0 for a value stored before the views kept it. */
    long lastInputMs();

    void lastInputMs(long timestampMs);

    /** Moves the time forward to a record's; true when it moved. */
    default boolean touch(long timestampMs) {
        if (timestampMs <= lastInputMs()) {
            return false;
        }
        lastInputMs(timestampMs);
        return true;
    }
}
