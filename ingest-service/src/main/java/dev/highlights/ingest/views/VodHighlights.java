package dev.highlights.ingest.views;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per-VOD fold of the highlights topic: the latest revision per highlight id, and the final ranking. JSON. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class VodHighlights implements Dated {
    String vodId;
    Map<String, HighlightView> latest = new LinkedHashMap<>();
    /** Highlight ids best first, from the summary; null until the summary arrived. */
    List<String> ranking;
    String ordering;
    Double durationSec;
    Long completedAtMs;
    /** Timestamp of the last record folded in (0: stored before the views kept it); drives the views' retention. */
    long lastInputMs;

    VodHighlights() {
    }

    public VodHighlights(String vodId) {
        this.vodId = vodId;
    }

    @Override
    public long lastInputMs() {
        return lastInputMs;
    }

    @Override
    public void lastInputMs(long timestampMs) {
        lastInputMs = timestampMs;
    }

    public String vodId() {
        return vodId;
    }

    /** The summary arrived: the list is final and ranked. */
    public boolean isFinal() {
        return ranking != null;
    }

    public String ordering() {
        return ordering;
    }

    public Double durationSec() {
        return durationSec;
    }

    public Long completedAtMs() {
        return completedAtMs;
    }

    public HighlightView get(String highlightId) {
        return latest.get(highlightId);
    }

    /**
     * The latest revision of every highlight: in summary rank order when the summary arrived (then any not in
     * it, by start), otherwise by start time.
     */
    public List<HighlightView> list() {
        List<HighlightView> out = new ArrayList<>(latest.size());
        Set<String> placed = new HashSet<>();
        if (ranking != null) {
            for (String id : ranking) {
                HighlightView h = latest.get(id);
                if (h != null && placed.add(id)) {
                    out.add(h);
                }
            }
        }
        List<HighlightView> rest = new ArrayList<>();
        for (HighlightView h : latest.values()) {
            if (!placed.contains(h.highlightId())) {
                rest.add(h);
            }
        }
        rest.sort(Comparator.comparingDouble(HighlightView::startSec).thenComparing(HighlightView::highlightId));
        out.addAll(rest);
        return out;
    }

    public int size() {
        return latest.size();
    }
}
