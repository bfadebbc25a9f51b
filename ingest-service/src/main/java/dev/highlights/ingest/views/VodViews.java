package dev.highlights.ingest.views;

import dev.highlights.ingest.problem.IngestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the API views of a VOD from the materialized stores. */
@ApplicationScoped
public class VodViews {
    static final List<String> STAGES = List.of("INGEST", "CHAT", "AUDIO", "VIDEO", "FUSION");

    @Inject
    VodLookup lookup;

    @Inject
    ViewStores stores;

    @Inject
    RecentVods recent;

    /** The full view; 404 problem when the VOD is unknown. */
    public VodView view(String vodId) {
        VodInfo vod = lookup.require(vodId);
        VodProgress progress = stores.progress(vodId).orElseGet(() -> new VodProgress(vodId));
        VodHighlights highlights = stores.highlights(vodId).orElseGet(() -> new VodHighlights(vodId));
        return compose(vod, progress, highlights, recent.endedHere(vodId), System.currentTimeMillis());
    }

    /** The view of a VOD just registered: empty progress while the views cannot be queried yet. */
    public VodView viewOf(VodInfo vod) {
        VodProgress progress;
        VodHighlights highlights;
        try {
            progress = stores.progress(vod.vodId()).orElseGet(() -> new VodProgress(vod.vodId()));
            highlights = stores.highlights(vod.vodId()).orElseGet(() -> new VodHighlights(vod.vodId()));
        } catch (IngestException e) {
            progress = new VodProgress(vod.vodId());
            highlights = new VodHighlights(vod.vodId());
        }
        return compose(vod, progress, highlights, recent.endedHere(vod.vodId()), System.currentTimeMillis());
    }

    /** The highlights; 404 problem when the VOD is unknown. */
    public VodView.HighlightsView highlights(String vodId) {
        lookup.require(vodId);
        return highlightsView(stores.highlights(vodId).orElseGet(() -> new VodHighlights(vodId)));
    }

    /**
     * @param endedHere this replica ended the live VOD (before the status topic says so)
     * @param nowMs     the time running stages are measured to, epoch ms
     */
    public static VodView compose(VodInfo vod, VodProgress progress, VodHighlights highlights, boolean endedHere,
                                  long nowMs) {
        Map<String, VodView.StageView> stages = new LinkedHashMap<>();
        for (String stage : STAGES) {
            stages.put(stage, stageView(vod, stage, progress.stage(stage), nowMs));
        }
        progress.stages().keySet().stream().filter(s -> !STAGES.contains(s)).sorted()
                .forEach(s -> stages.put(s, stageView(vod, s, progress.stage(s), nowMs)));
        boolean ended = vod.live() && (endedHere || progress.stage("INGEST").completed());
        String base = "/api/vods/" + vod.vodId();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", base);
        links.put("highlights", base + "/highlights");
        links.put("highlightStream", base + "/highlights/stream");
        if (vod.live()) {
            links.put("chat", base + "/chat");
            links.put("end", base + "/end");
        }
        return new VodView(vod.vodId(), vod.channel(), vod.title(), vod.mediaUri(), vod.chatUri(), vod.chatFormat(),
                vod.live(), ended, vod.durationSec(), vod.hasAudio(), vod.hasVideo(), vod.hasChat(), vod.segmentSec(),
                vod.segmentCount(), vod.streamStartEpochMs(), vod.registeredAtMs(), stages,
                highlightsView(highlights), links);
    }

    static VodView.StageView stageView(VodInfo vod, String stage, StageProgress p, long nowMs) {
        boolean workerStage = stage.equals("AUDIO") || stage.equals("VIDEO");
        Integer expected = workerStage ? (vod.segmentCount() != null ? vod.segmentCount() : p.segmentsTotal()) : null;
        String state = p.state(expected);
        String absentReason = p.absentReason();
        if (!p.absent()) {
            // What the registration already says, before (or without) the status event.
            if ((stage.equals("AUDIO") && !vod.hasAudio()) || (stage.equals("VIDEO") && !vod.hasVideo())) {
                state = "ABSENT";
                absentReason = "the media has no " + stage.toLowerCase() + " stream";
            } else if (stage.equals("CHAT") && !vod.hasChat()) {
                state = "ABSENT";
                absentReason = "no chat was given";
            }
        }
        Integer total = p.segmentsTotal() != null ? p.segmentsTotal() : expected;
        Integer done = total == null && p.segmentsDone() == 0 ? null : p.segmentsDone();
        Double share = share(state, done, total, p.lastSecond(), vod.durationSec());
        Long elapsedMs = p.startedAtMs() == 0 ? null
                : Math.max(0, (state.equals("RUNNING") ? nowMs : p.updatedAtMs()) - p.startedAtMs());
        Long remainingMs = null;
        if (state.equals("COMPLETED") || state.equals("ABSENT")) {
            remainingMs = 0L;
        } else if (state.equals("RUNNING") && share != null && share > 0 && elapsedMs != null) {
            remainingMs = Math.round(elapsedMs * (1 - share) / share);
        }
        return new VodView.StageView(state, done, total, p.lastSecond(), p.count(), share, elapsedMs, remainingMs,
                absentReason, p.errorCount(), p.errors(), p.warningCount(), p.warnings());
    }

    /** Share done: 1 once over, else work items done, else media seconds reached; null when the end is unknown. */
    static Double share(String state, Integer done, Integer total, Long lastSecond, Double durationSec) {
        if (state.equals("COMPLETED") || state.equals("ABSENT")) {
            return 1.0;
        }
        if (total != null && total > 0) {
            return Math.min(1.0, (done == null ? 0 : done) / (double) total);
        }
        if (lastSecond != null && durationSec != null && durationSec > 0) {
            return Math.min(1.0, (lastSecond + 1) / durationSec);
        }
        return state.equals("PENDING") ? 0.0 : null;
    }

    static VodView.HighlightsView highlightsView(VodHighlights h) {
        List<HighlightView> items = h.list();
        return new VodView.HighlightsView(h.vodId(), h.isFinal(), h.ordering(), items.size(), items);
    }
}
