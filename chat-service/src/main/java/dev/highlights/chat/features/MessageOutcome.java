package dev.highlights.chat.features;

import java.util.List;

/**
 * What one message did to a VOD's state and the features it released, in emission order.
 * Every entry must be forwarded; a (second, revision) pair never repeats.
 */
public record MessageOutcome(Disposition disposition, List<ChatSecondFeatures> emitted) {

    public enum Disposition {
        /** Counted; may have released first versions (watermark moved) or updates (it was late within lateness). */
        ACCEPTED,
        /** Same message id already counted: ignored. */
        DUPLICATE,
        /** Older than watermark - allowed lateness: ignored and counted as late. */
        LATE,
        /** Arrived after the end-of-chat marker: ignored and counted as late. */
        AFTER_END,
        /** Offset not a finite number: ignored and counted as invalid. */
        INVALID
    }

    public MessageOutcome {
        emitted = List.copyOf(emitted);
    }

    static MessageOutcome of(Disposition disposition) {
        return new MessageOutcome(disposition, List.of());
    }
}
