package dev.highlights.fusion.rules;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic highlight ids: a name-based UUID of the VOD id and the interval's start second when it was first
 * emitted, so replaying a VOD gives the same ids and a revised interval keeps its id even if its start moves.
 * {@code attempt} separates the rare case of two live intervals claiming the same start (after a revision moved one).
 */
public final class HighlightIds {
    private HighlightIds() {
    }

    public static String of(String vodId, int startSec, int attempt) {
        // Length-prefixed so that no VOD id can be made to collide with another VOD's (id, start) pair.
        String name = "highlight:" + vodId.length() + ":" + vodId + ":" + startSec + ":" + attempt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
