package dev.highlights.chat.features;

import java.util.List;

/** Result of the end-of-chat marker: the seconds it flushed (first versions) and the VOD's completion totals. */
public record EndOutcome(List<ChatSecondFeatures> emitted, ChatCompletion completion) {
    public EndOutcome {
        emitted = List.copyOf(emitted);
    }
}
