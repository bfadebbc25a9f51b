package dev.highlights.ingest.core;

import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.VodRegistered;
import dev.highlights.ingest.IngestConfig;
import dev.highlights.ingest.media.LiveMediaHook;
import dev.highlights.ingest.media.MediaInspector;
import dev.highlights.ingest.media.MediaLocations;
import dev.highlights.ingest.media.Segmenter;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.ingest.problem.ProblemKind;
import dev.highlights.ingest.views.RecentVods;
import dev.highlights.ingest.views.VodInfo;
import dev.highlights.ingest.views.VodLookup;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.VodIds;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Registers VODs: the one place where a registration request is handled, whichever front door it came
 * through (REST today, the Kafka ingest topic later).
 *
 * <ol>
 *   <li>Field checks ({@link ValidRequest}); the id is given or derived from the request.</li>
 *   <li>Idempotency: a VOD with this id already registered with the same fields is returned as it is, with
 *       nothing published again; with different fields it is a 409.</li>
 *   <li>Media: location policy, HLS playlist, FFmpeg probe ({@link MediaInspector}); chat URI checks.</li>
 *   <li>Publish, and wait for Kafka's acknowledgement: {@code VodRegistered} on vods, the work items on
 *       media-segments (ids {@code <vodId>/<index>}), status events (accepted; MODALITY_ABSENT per missing
 *       modality). The registration on the vods topic is then the job of the chat import or of following the live
 *       media ({@code ChatImportIntake}).</li>
 * </ol>
 * A request refused because its media or chat cannot be read also yields an ERROR status event keyed by the
 * request's id ({@code ingest/rejected/<code>}); {@code reportAllRefusals} extends that to every refusal
 * (for front doors without a synchronous answer, such as a Kafka topic).
 */
@ApplicationScoped
public class VodRegistrar {
    private static final Logger LOG = Logger.getLogger(VodRegistrar.class);
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    /** The registered VOD, and whether this call registered it (false: it already was). */
    public record Outcome(VodInfo vod, boolean created) {
    }

    @Inject
    IngestConfig config;

    @Inject
    IngestPublisher publisher;

    @Inject
    VodLookup lookup;

    @Inject
    RecentVods recent;

    @Inject
    MediaInspector inspector;

    @Inject
    ChatSources chatSources;

    @Inject
    MediaLocations locations;


    @Inject
    LiveMediaHook liveHook;

    @Inject
    MeterRegistry registry;

    public Outcome register(VodRequest request, boolean reportAllRefusals) {
        return register(request, reportAllRefusals, null);
    }

    /**
     * Registers a VOD.
     *
     * @param reportAllRefusals report every refusal on the status topic, not only unreadable media or chat
     * @param reportAs          key (and {@code vodId}) of the status events that report a refusal; null: the VOD id
     *                          (given or derived), and an invalid request without a usable id is not reported
     */
    public Outcome register(VodRequest request, boolean reportAllRefusals, String reportAs) {
        ValidRequest req;
        try {
            req = ValidRequest.of(request);
        } catch (IngestException e) {
            refused("invalid");
            if (reportAllRefusals && reportAs != null) {
                report(reportAs, e);
            } else if (reportAllRefusals && request != null && request.id() != null
                    && VodIds.isValid(request.id().trim())) {
                report(request.id().trim(), e);
            }
            throw e;
        }
        synchronized (LOCKS[Math.floorMod(req.id().hashCode(), LOCKS.length)]) {
            Optional<VodInfo> existing = lookup.find(req.id());
            if (existing.isPresent()) {
                VodInfo v = existing.get();
                List<String> diff = req.differences(v.channel(), v.title(), v.mediaUri(), v.chatUri(), v.chatFormat(),
                        v.live(), v.streamStartEpochMs());
                if (!diff.isEmpty()) {
                    refused("conflict");
                    IngestException conflict = new IngestException(ProblemKind.VOD_CONFLICT, "VOD '" + req.id()
                            + "' is already registered with different fields: " + String.join("; ", diff)
                            + ". Use another id, or repeat the original request");
                    if (reportAllRefusals && reportAs != null) {
                        // Keyed by the request, not the VOD: the registered VOD's status stays as it is.
                        report(reportAs, conflict);
                    }
                    throw conflict;
                }
                registry.counter("ingest.vods.repeated").increment();
                return new Outcome(v, false);
            }
            try {
                return registerNew(req);
            } catch (IngestException e) {
                refused(e.kind().name().toLowerCase(Locale.ROOT));
                if (reportAllRefusals || e.kind() == ProblemKind.MEDIA_UNREADABLE || e.kind() == ProblemKind.CHAT_UNREADABLE) {
                    report(reportAs != null ? reportAs : req.id(), e);
                }
                throw e;
            }
        }
    }

    private Outcome registerNew(ValidRequest req) {
        MediaInspector.Inspection media = inspector.inspect(req.mediaUri(), req.live(), config.segmentSeconds(),
                config.preRollSeconds());
        if (req.chatUri() != null && req.live()) {
            LiveChannel.parse(req.chatUri(), locations); // its host is checked now, so a refusal is answered here
        } else if (req.chatUri() != null) {
            // Checked now, so a refused location is answered to this request; ChatImportIntake imports it once the
            // registration is on the vods topic.
            chatSources.prepare(req.chatUri(), req.chatFormat(), req.streamStartEpochMs());
        }
        long now = System.currentTimeMillis();
        String id = req.id();
        List<Segmenter.Slice> slices = media.slices();
        VodRegistered vod = VodRegistered.newBuilder()
                .setVodId(id)
                .setChannel(req.channel())
                .setTitle(req.title())
                .setMediaUri(req.mediaUri())
                .setChatUri(req.chatUri())
                .setChatFormat(req.chatFormatName())
                .setLive(req.live())
                .setDurationSec(media.durationSec())
                .setHasAudio(media.hasAudio())
                .setHasVideo(media.hasVideo())
                .setHasChat(req.hasChat())
                .setSegmentSec(config.segmentSeconds())
                .setSegmentCount(req.live() ? null : slices.size())
                .setStreamStartEpochMs(req.streamStartEpochMs())
                .setRegisteredAtMs(now)
                .build();

        List<IngestPublisher.Out> out = new ArrayList<>();
        out.add(new IngestPublisher.Out(Topics.VODS, id, vod));
        for (int i = 0; i < slices.size(); i++) {
            MediaSegment segment = segment(vod, media, slices.get(i), i, slices.size());
            String key = config.segmentKey() == IngestConfig.SegmentKey.SEGMENT ? segment.getSegmentId() : id;
            out.add(new IngestPublisher.Out(Topics.MEDIA_SEGMENTS, key, segment));
        }
        for (PipelineStatus s : statuses(req, media, slices.size(), req.live() && !liveHook.analysesLiveMedia(media), now)) {
            out.add(new IngestPublisher.Out(Topics.PIPELINE_STATUS, id, s));
        }
        publisher.publish(out);
        VodInfo info = VodInfo.of(vod);
        recent.put(info);
        registry.counter("ingest.vods.registered", "live", Boolean.toString(req.live()), "hls",
                Boolean.toString(media.hls())).increment();
        registry.counter("ingest.segments.published").increment(slices.size());
        LOG.infof("Registered VOD %s: %s, %s s, audio=%s video=%s, %d work items", id, media.segmentMediaUri(),
                media.durationSec(), media.hasAudio(), media.hasVideo(), slices.size());

        return new Outcome(info, true);
    }

    private static MediaSegment segment(VodRegistered vod, MediaInspector.Inspection media, Segmenter.Slice slice,
                                        int index, int count) {
        return MediaSegment.newBuilder()
                .setSegmentId(vod.getVodId() + "/" + index)
                .setVodId(vod.getVodId())
                .setIndex(index)
                .setCount(count)
                .setMediaUri(media.segmentMediaUri())
                .setStartSec(slice.startSec())
                .setEndSec(slice.endSec())
                .setPreRollSec(slice.preRollSec())
                .setHasAudio(media.hasAudio())
                .setHasVideo(media.hasVideo())
                .setLast(index == count - 1)
                .build();
    }

    private static List<PipelineStatus> statuses(ValidRequest req, MediaInspector.Inspection media, int segments,
                                                 boolean liveMediaUnanalysed, long now) {
        String id = req.id();
        List<PipelineStatus> out = new ArrayList<>();
        String streams = media.hasAudio() && media.hasVideo() ? "audio and video"
                : media.hasAudio() ? "audio only" : "video only";
        String what = req.live() ? "live stream registered (" + streams + "); chat " + (req.chatUri() != null
                ? "read from " + req.chatUri() : "via POST /api/vods/" + id + "/chat")
                : String.format(Locale.ROOT, "VOD registered: %s, %s, %d work items%s", media.durationSec() == null
                        ? "unknown duration" : String.format(Locale.ROOT, "%.1f s", media.durationSec()), streams,
                        segments, media.hls() ? " from an HLS playlist" : "");
        out.add(IngestStatus.accepted(id, segments, what, now));
        if (liveMediaUnanalysed) {
            String why = "live media is followed only as an HLS playlist; fusion follows chat alone";
            out.add(IngestStatus.absent(id, Stage.AUDIO, why, now));
            out.add(IngestStatus.absent(id, Stage.VIDEO, why, now));
        } else {
            if (!media.hasAudio()) {
                out.add(IngestStatus.absent(id, Stage.AUDIO, "the media has no audio stream; audio is absent for fusion",
                        now));
            }
            if (!media.hasVideo()) {
                out.add(IngestStatus.absent(id, Stage.VIDEO, "the media has no video stream; video is absent for fusion",
                        now));
            }
        }
        if (!req.hasChat()) {
            out.add(IngestStatus.absent(id, Stage.CHAT, "no chat was given (neither chatUri nor live)", now));
            out.add(IngestStatus.completed(id, "registration complete; no chat to import", now));
        }
        return out;
    }

    private void report(String requestId, IngestException e) {
        try {
            publisher.publish(List.of(new IngestPublisher.Out(Topics.PIPELINE_STATUS, requestId,
                    IngestStatus.rejected(requestId, e, System.currentTimeMillis()))));
        } catch (RuntimeException failure) {
            LOG.warnf("Could not report the refused request %s on the status topic: %s", requestId, failure.getMessage());
        }
    }

    private void refused(String reason) {
        registry.counter("ingest.vods.refused", "reason", reason).increment();
    }
}
