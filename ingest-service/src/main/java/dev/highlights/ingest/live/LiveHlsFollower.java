package dev.highlights.ingest.live;

import dev.highlights.avro.MediaPart;
import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.VodRegistered;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.core.IngestPublisher;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.core.LiveChatService;
import dev.highlights.ingest.media.HlsPlaylist;
import dev.highlights.ingest.media.LiveMediaHook;
import dev.highlights.ingest.media.MediaInspector;
import dev.highlights.ingest.media.MediaLocations;
import dev.highlights.ingest.media.Subject;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.ViewStores;
import dev.highlights.media.Location;
import dev.highlights.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows the HLS media playlist of each live VOD whose registration this replica took as a job (see
 * {@link dev.highlights.ingest.kafka.ChatImportIntake}): reloads it (every target duration, half that while nothing
 * changed, as RFC 8216 asks of clients) and publishes the work items {@link LiveMediaCursor} makes of it, gaps as
 * warnings on the status topic, and where it stands on the live-media topic. A replica that takes the VOD over after
 * a restart goes on from there: the registration is acknowledged only once the final work item is out. It ends at {@code #EXT-X-ENDLIST}, at {@code POST /api/vods/{id}/end},
 * or when no new segment came for {@code ingest.live.stall-timeout}; an end of the media also ends the VOD's live chat
 * {@code ingest.live.chat-grace} later, so that fusion can close it.
 */
@ApplicationScoped
public class LiveHlsFollower implements LiveMediaHook {
    private static final Logger LOG = Logger.getLogger(LiveHlsFollower.class);
    private static final long MIN_RELOAD_MS = 500;
    private static final long MAX_RELOAD_MS = 10_000;

    @Inject
    IngestConfig config;

    @Inject
    MediaInspector inspector;

    @Inject
    MediaLocations locations;

    @Inject
    IngestPublisher publisher;

    @Inject
    Instance<LiveChatService> liveChat; // looked up late: LiveChatService calls this hook, too

    @Inject
    MeterRegistry registry;

    @Inject
    ViewStores views;

    private final Map<String, Follow> follows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reloads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "live-media-follower");
        t.setDaemon(true);
        return t;
    });

    /** One live VOD being followed. Reloads of one VOD never overlap: each schedules the next. */
    private final class Follow {
        final VodRegistered vod;
        final Location playlist;
        final Runnable done;
        /** Replaced by its advanced copy only once what the copy made is published. */
        LiveMediaCursor cursor;
        long lastNewSegmentMs = System.currentTimeMillis();
        volatile boolean endRequested;
        String lastFailure;

        Follow(VodRegistered vod, Location playlist, LiveMediaState state, Runnable done) {
            this.vod = vod;
            this.playlist = playlist;
            this.done = done;
            this.cursor = state == null ? new LiveMediaCursor(config.preRollSeconds(), this::originSec)
                    : LiveMediaCursor.fromState(state, config.preRollSeconds(), this::originSec);
        }

        String vodId() {
            return vod.getVodId();
        }

        /**
         * Where the first segment seen starts, seconds since the stream started (what live chat offsets count
         * from): by its program date-time when the playlist gives one, else taken as ending the playlist now.
         */
        double originSec(HlsPlaylist first) {
            Long start = vod.getStreamStartEpochMs();
            if (start == null) {
                return 0;
            }
            double before = 0;
            for (HlsPlaylist.Item item : first.items()) {
                if (item.programDateTimeMs() != null) {
                    return (item.programDateTimeMs() - start) / 1000.0 - before;
                }
                before += item.durationSec();
            }
            return (System.currentTimeMillis() - start) / 1000.0 - first.durationSec();
        }
    }

    @Override
    public boolean analysesLiveMedia(MediaInspector.Inspection media) {
        return media.hls();
    }

    /**
     * Follows the live VOD's media until it ended, then runs {@code done} (not when this replica stops first: the job
     * is taken again then). Goes on from where the live-media topic says the last follower stood.
     *
     * @return false when this replica follows the VOD already (a repeat of its registration)
     */
    public boolean follow(VodRegistered vod, Runnable done) {
        String vodId = vod.getVodId();
        if (follows.containsKey(vodId)) {
            return false;
        }
        Optional<LiveMediaState> state = views.liveMedia(vodId);
        if (state.isPresent() && state.get().getFinished()) {
            if (!views.progress(vodId).map(p -> p.stage("INGEST").completed()).orElse(false)) {
                endLiveChatLater(vodId); // the media ended, then a restart came before its chat was ended
            }
            done.run();
            return true;
        }
        Location registered;
        try {
            registered = locations.resolve(state.isPresent() ? state.get().getMediaPlaylistUri() : vod.getMediaUri(),
                    Subject.MEDIA);
        } catch (IngestException e) {
            warn(vodId, "LIVE_MEDIA_UNREADABLE", "start", "the live playlist cannot be followed: " + e.getMessage());
            done.run(); // the location policy refuses it now: no reload would do better
            return true;
        }
        Location playlist = registered;
        if (state.isEmpty()) {
            try {
                playlist = mediaPlaylist(registered);
            } catch (IngestException e) {
                // Unreadable for now: the reloads try again, and the stall timeout ends it if it stays so.
                LOG.warnf("The live playlist of %s cannot be read yet (%s); following it anyway", vodId,
                        e.getMessage());
            }
        }
        if (playlist == null) {
            done.run(); // not an HLS playlist: registration reported the media absent
            return true;
        }
        Follow follow = new Follow(vod, playlist, state.orElse(null), done);
        if (follows.putIfAbsent(vodId, follow) != null) {
            return false;
        }
        LOG.infof("Following the live playlist of %s%s: %s", vodId, state.isPresent() ? " from work item "
                + state.get().getNextIndex() : "", playlist.uri());
        reloads.execute(() -> reload(follow));
        return true;
    }

    /** The media playlist at a live VOD's location (the preferred variant of a master playlist), or null. */
    private Location mediaPlaylist(Location location) {
        if (!inspector.isPlaylist(location)) {
            return null;
        }
        HlsPlaylist parsed = inspector.readPlaylist(location);
        return parsed.preferredVariant().map(v -> inspector.entry(location, v.uri())).orElse(location);
    }

    @Override
    public void liveEnded(String vodId) {
        Follow follow = follows.get(vodId);
        if (follow != null && !follow.endRequested) {
            follow.endRequested = true; // the next reload, made now, publishes what is left and ends
            reloads.execute(() -> reload(follow));
        }
    }

    private void reload(Follow follow) {
        String vodId = follow.vodId();
        synchronized (follow) {
            if (follows.get(vodId) != follow) {
                return;
            }
            long now = System.currentTimeMillis();
            if (!follow.endRequested && endedInViews(vodId)) {
                follow.endRequested = true; // POST /end reached another replica
            }
            HlsPlaylist playlist = null;
            try {
                playlist = inspector.readPlaylist(follow.playlist);
                LiveMediaCursor next = follow.cursor.copy();
                LiveMediaCursor.Update update = next.advance(playlist, ref -> inspector.entry(follow.playlist, ref).uri());
                publish(follow, update, next);
                if (!update.items().isEmpty() || next.endSec() > follow.cursor.endSec()) {
                    follow.lastNewSegmentMs = now;
                }
                follow.cursor = next;
                follow.lastFailure = null;
            } catch (IngestException e) {
                if (!e.getMessage().equals(follow.lastFailure)) {
                    LOG.warnf("Reloading the live playlist of %s failed: %s", vodId, e.getMessage());
                }
                follow.lastFailure = e.getMessage();
                registry.counter("ingest.live.reload.failures").increment();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Following the live playlist of %s failed", vodId);
                follow.lastFailure = String.valueOf(e.getMessage());
            }
            boolean stalled = now - follow.lastNewSegmentMs > config.live().stallTimeout().toMillis();
            if (!follow.cursor.isFinished() && (follow.endRequested || stalled)) {
                if (stalled && !follow.endRequested) {
                    warn(vodId, "LIVE_MEDIA_STALLED", "end", String.format(Locale.ROOT,
                            "no new segment in the live playlist for %s%s; the live media is taken as ended",
                            config.live().stallTimeout(), follow.lastFailure == null ? ""
                                    : " (last reload: " + follow.lastFailure + ")"));
                }
                try {
                    LiveMediaCursor next = follow.cursor.copy();
                    publish(follow, next.finish(), next);
                    follow.cursor = next;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Could not publish the final work item of %s; trying again", vodId);
                }
            }
            if (follow.cursor.isFinished()) {
                follows.remove(vodId);
                LOG.infof("Live media of %s ended after %d work items, %.1f s", vodId, follow.cursor.itemCount(),
                        follow.cursor.endSec());
                if (!follow.endRequested) {
                    endLiveChatLater(vodId);
                }
                follow.done.run();
                return;
            }
            reloads.schedule(() -> reload(follow), nextReloadMs(playlist, follow), TimeUnit.MILLISECONDS);
        }
    }

    private static long nextReloadMs(HlsPlaylist playlist, Follow follow) {
        double target = playlist != null && playlist.targetDuration() > 0 ? playlist.targetDuration() : 2;
        boolean changed = follow.lastNewSegmentMs >= System.currentTimeMillis() - 50;
        long ms = Math.round(target * (changed ? 1000 : 500));
        return Math.max(MIN_RELOAD_MS, Math.min(MAX_RELOAD_MS, ms));
    }

    /** Publishes what a reload made, then where the cursor that made it stands. */
    private void publish(Follow follow, LiveMediaCursor.Update update, LiveMediaCursor cursor) {
        if (update.isEmpty() && !(cursor.isFinished() && !follow.cursor.isFinished())) {
            return;
        }
        String vodId = follow.vodId();
        long now = System.currentTimeMillis();
        List<IngestPublisher.Out> out = new ArrayList<>();
        for (LiveMediaCursor.Gap gap : update.gaps()) {
            out.add(new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId, IngestStatus.liveMediaWarning(vodId,
                    "LIVE_MEDIA_GAP", Long.toString(gap.firstMissing()), String.format(Locale.ROOT,
                            "%d live segments (from sequence %d) left the playlist before they were read: about %.1f s"
                                    + " of media from second %.1f are missing", gap.missing(), gap.firstMissing(),
                            gap.estimatedSec(), gap.atSec()), now)));
        }
        for (LiveMediaCursor.WorkItem item : update.items()) {
            MediaSegment segment = segment(follow, item);
            String key = config.segmentKey() == IngestConfig.SegmentKey.SEGMENT ? segment.getSegmentId() : vodId;
            out.add(new IngestPublisher.Out(Topics.MEDIA_SEGMENTS, key, segment));
        }
        out.add(new IngestPublisher.Out(Topics.LIVE_MEDIA, vodId, cursor.toState(vodId, follow.playlist.uri(), now)));
        publisher.publish(out);
        registry.counter("ingest.segments.published").increment(update.items().size());
    }

    private static MediaSegment segment(Follow follow, LiveMediaCursor.WorkItem item) {
        List<MediaPart> parts = item.parts().stream().map(p -> MediaPart.newBuilder().setUri(p.uri())
                .setStartSec(p.startSec()).setDurationSec(p.durationSec()).setInitUri(p.initUri()).build()).toList();
        String vodId = follow.vodId();
        return MediaSegment.newBuilder()
                .setSegmentId(vodId + "/" + item.index())
                .setVodId(vodId)
                .setIndex(item.index())
                .setCount(item.last() ? item.index() + 1 : null)
                .setMediaUri(follow.playlist.uri())
                .setStartSec(item.startSec())
                .setEndSec(item.endSec())
                .setPreRollSec(item.preRollSec())
                .setHasAudio(follow.vod.getHasAudio())
                .setHasVideo(follow.vod.getHasVideo())
                .setLast(item.last())
                .setParts(parts)
                .build();
    }

    private void warn(String vodId, String code, String occurrence, String message) {
        LOG.warnf("Live VOD %s: %s", vodId, message);
        try {
            publisher.publish(List.of(new IngestPublisher.Out(Topics.PIPELINE_STATUS, vodId,
                    IngestStatus.liveMediaWarning(vodId, code, occurrence, message, System.currentTimeMillis()))));
        } catch (RuntimeException e) {
            LOG.warnf("Could not report it on the status topic: %s", e.getMessage());
        }
    }

    /** Whether the views hold the end of the live VOD (its INGEST completion), wherever it was ended. */
    private boolean endedInViews(String vodId) {
        try {
            return views.progress(vodId).map(p -> p.stage("INGEST").completed()).orElse(false);
        } catch (IngestException e) {
            return false; // views loading: asked again at the next reload
        }
    }

    /**
     * The stream ended on its own (end list or stall): its live chat ends with it, {@code ingest.live.chat-grace}
     * later, since chat reacts a few seconds late and the last moments' reactions still arrive.
     */
    private void endLiveChatLater(String vodId) {
        reloads.schedule(() -> endLiveChat(vodId), config.live().chatGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void endLiveChat(String vodId) {
        try {
            liveChat.get().end(vodId);
        } catch (RuntimeException e) {
            if (e instanceof IngestException refused && refused.kind() == ProblemKind.UNAVAILABLE) {
                // Views loading after a restart, or the broker away: chat pushed now is answered 503 and comes
                // again, so the end waits too, and the chat still gets its whole grace once ingest can answer.
                LOG.debugf("Ending the live chat of %s must wait: %s", vodId, e.getMessage());
                endLiveChatLater(vodId);
                return;
            }
            LOG.warnf("The live media of %s ended, but its live chat could not be ended: %s (end it with POST "
                    + "/api/vods/%s/end)", vodId, e.getMessage(), vodId);
        }
    }

    @PreDestroy
    void stop() {
        reloads.shutdownNow();
    }
}
