package dev.highlights.launcher.eval;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The scores of one VOD; {@code nonHighlightHits} by kind, kept sorted by kind. */
public record VodResult(String vod, double durationSec, EventScore events, SecondScore seconds,
                        Map<String, KindHits> nonHighlightHits, LagScore lag) {

    public VodResult {
        nonHighlightHits = Collections.unmodifiableMap(new TreeMap<>(nonHighlightHits));
    }
}
