package dev.highlights.fusion.rules;

import java.util.List;

/** What ending a VOD produces: the last updates (intervals closed by the flush) and the final ranked summary. */
public record VodResult(List<HighlightUpdate> updates, VodSummary summary) {
    public VodResult {
        updates = List.copyOf(updates);
    }
}
