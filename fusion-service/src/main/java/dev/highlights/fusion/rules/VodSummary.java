package dev.highlights.fusion.rules;

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
}
