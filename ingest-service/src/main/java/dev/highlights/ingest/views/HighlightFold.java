package dev.highlights.ingest.views;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.VodHighlightSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds highlight events into {@link VodHighlights}: a highlight replaces the kept one only with a higher
 * revision (replays and late lower revisions change nothing); the summary sets the ranking and carries each
 * highlight's final revision and rank. Plain logic, no Kafka.
 */
public final class HighlightFold {

    /** What changed, for live listeners: a highlight revision, or the final summary. */
    public sealed interface Update {
        String vodId();
    }

    public record HighlightUpdate(String vodId, HighlightView highlight) implements Update {
    }

    public record SummaryUpdate(String vodId, List<HighlightView> ranked) implements Update {
    }

    private HighlightFold() {
    }

    /** Applies one event; empty when nothing changed. */
    public static Optional<Update> apply(VodHighlights state, HighlightEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof Highlight h) {
            return apply(state, HighlightView.of(h)).map(v -> new HighlightUpdate(state.vodId(), v));
        }
        if (payload instanceof VodHighlightSummary summary) {
            return applySummary(state, summary);
        }
        return Optional.empty();
    }

    static Optional<HighlightView> apply(VodHighlights state, HighlightView h) {
        HighlightView kept = state.latest.get(h.highlightId());
        if (kept != null && kept.revision() >= h.revision()) {
            return Optional.empty();
        }
        // A revision after the summary keeps the rank the summary gave.
        HighlightView stored = kept != null && kept.rank() != null && h.rank() == null ? h.withRank(kept.rank()) : h;
        state.latest.put(h.highlightId(), stored);
        return Optional.of(stored);
    }

    private static Optional<Update> applySummary(VodHighlights state, VodHighlightSummary summary) {
        List<String> ranking = new ArrayList<>();
        boolean changed = state.ranking == null;
        int position = 0;
        for (Highlight h : summary.getHighlights()) {
            position++;
            HighlightView v = HighlightView.of(h);
            if (v.rank() == null) {
                v = v.withRank(position);
            }
            ranking.add(v.highlightId());
            HighlightView kept = state.latest.get(v.highlightId());
            if (kept == null || kept.revision() < v.revision()
                    || (kept.revision() == v.revision() && !java.util.Objects.equals(kept.rank(), v.rank()))) {
                state.latest.put(v.highlightId(), v);
                changed = true;
            }
        }
        if (!ranking.equals(state.ranking)) {
            changed = true;
        }
        state.ranking = ranking;
        state.ordering = summary.getOrdering() == null ? null : summary.getOrdering().name();
        state.durationSec = summary.getDurationSec();
        state.completedAtMs = summary.getCompletedAtMs();
        return changed ? Optional.of(new SummaryUpdate(state.vodId(), state.list())) : Optional.empty();
    }
}
