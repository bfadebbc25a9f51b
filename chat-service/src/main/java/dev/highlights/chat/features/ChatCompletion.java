package dev.highlights.chat.features;

/**
 * Totals of one VOD's chat, reported when the end-of-chat marker has flushed every second.
 *
 * @param messages     distinct messages accepted
 * @param late         messages rejected because they came after the allowed lateness (or after the end marker)
 * @param duplicates   messages ignored because their id was already seen (within the dedup horizon)
 * @param invalid      messages rejected for an unusable offset (NaN or infinite)
 * @param lastSecond   the last media second emitted, -1 when there was nothing to emit
 */
public record ChatCompletion(long messages, long late, long duplicates, long invalid, long lastSecond) {

    /** Seconds emitted as first versions: 0..lastSecond. */
    public long secondsEmitted() {
        return lastSecond + 1;
    }
}
