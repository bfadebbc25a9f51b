package dev.highlights.fusion.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The final ranked highlights of a completed VOD, retracted ones excluded, each with its {@code rank} set.
 *
 * @param chatLagSec the chat lag in use when the VOD ended
 */
public record VodSummary(String vodId, RankingOrder order, int chatLagSec, List<HighlightUpdate> ranked) {
    public VodSummary {
        ranked = List.copyOf(ranked);
    }

    /**
     * Ranks the latest content of a VOD's highlights (retracted ones are left out). Usable on highlights kept outside
     * the state, e.g. a processor's own store of the latest update per id.
     */
    public static VodSummary of(String vodId, RankingOrder order, int chatLagSec, Collection<HighlightUpdate> latest) {
        List<HighlightUpdate> live = new ArrayList<>(latest.size());
        for (HighlightUpdate h : latest) if (!h.retracted()) live.add(h);
        live.sort(order.comparator(HighlightUpdate::durationSec, HighlightUpdate::score, HighlightUpdate::startSec));
        List<HighlightUpdate> ranked = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) ranked.add(live.get(i).withRank(i + 1));
        return new VodSummary(vodId, order, chatLagSec, ranked);
    }
}
