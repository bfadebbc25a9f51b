package dev.highlights.ingest.views;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-VOD fold of pipeline-status: one {@link StageProgress} per stage name. Stored as JSON. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class VodProgress implements Dated {
    /** How many recent event ids are remembered to recognise replays. */
    static final int RECENT_EVENT_IDS = 512;

    String vodId;
    Map<String, StageProgress> stages = new LinkedHashMap<>();
    /** The last {@link #RECENT_EVENT_IDS} event ids, oldest first. */
    List<String> recentEventIds = new ArrayList<>();
    long events;
    long updatedAtMs;
    /** Timestamp of the last record folded in (0: stored before the views kept it); drives the views' retention. */
    long lastInputMs;

    VodProgress() {
    }

    public VodProgress(String vodId) {
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

    /** The stage's progress; an empty one when nothing was reported. */
    public StageProgress stage(String stage) {
        StageProgress p = stages.get(stage);
        return p != null ? p : new StageProgress();
    }

    public Map<String, StageProgress> stages() {
        return Map.copyOf(stages);
    }

    /** Distinct events folded in. */
    public long events() {
        return events;
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    boolean seen(String eventId) {
        return recentEventIds.contains(eventId);
    }

    void remember(String eventId) {
        recentEventIds.add(eventId);
        if (recentEventIds.size() > RECENT_EVENT_IDS) {
            recentEventIds.subList(0, recentEventIds.size() - RECENT_EVENT_IDS).clear();
        }
    }

    StageProgress stageForUpdate(String stage) {
        return stages.computeIfAbsent(stage, s -> new StageProgress());
    }
}
