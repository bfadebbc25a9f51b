package dev.highlights.fusion;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.AudioScoreBatch;
import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VideoScore;
import dev.highlights.avro.VideoScoreBatch;
import dev.highlights.avro.VodRegistered;
import dev.highlights.fusion.rules.AudioSecond;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.HighlightUpdate;
import dev.highlights.fusion.rules.Modality;
import dev.highlights.fusion.rules.VideoSecond;
import dev.highlights.fusion.rules.VodFusionState;
import dev.highlights.fusion.rules.VodResult;
import dev.highlights.streams.CommitCachedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Joins chat features, audio and video scores, worker status and VOD registrations per VOD and
 * second, through the pure {@link FusionEngine}. Each VOD's fusion state and input progress live in
 * changelogged stores; time is the VOD's own media time, never the task's stream time. A wall-clock
 * punctuator moves live streams on when a modality stalls.
 */
final class FusionProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private final FusionEngine engine;
    private final Duration tick;
    private final Duration stateIdleExpiry;
    private ProcessorContext<String, SpecificRecord> context;
    /**
     * Live objects, encoded into the changelogged stores only when the task commits: encoding a VOD's state for every
     * input dominated the cost (and wrote it to the changelog for every input).
     */
    private CommitCachedStore<VodFusionState> states;
    private CommitCachedStore<VodProgress> progress;
    /** Live VODs that have not ended: the ones the wall-clock tick concerns. */
    private final Set<String> live = new HashSet<>();

    FusionProcessor(FusionEngine engine, Duration tick, Duration stateIdleExpiry) {
        this.engine = engine;
        this.tick = tick;
        this.stateIdleExpiry = stateIdleExpiry;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(FusionTopology.STATE_STORE);
        this.progress = context.getStateStore(FusionTopology.PROGRESS_STORE);
        live.clear();
        progress.forEach((vodId, p) -> {
            if (p.live && !p.ended) {
                live.add(vodId);
            }
        });
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onTick);
        // Idle VODs are looked for a few times per expiry period, at most hourly.
        Duration scanEvery = stateIdleExpiry.dividedBy(4).compareTo(Duration.ofHours(1)) < 0
                ? stateIdleExpiry.dividedBy(4) : Duration.ofHours(1);
        context.schedule(scanEvery.isZero() ? Duration.ofMillis(1) : scanEvery, PunctuationType.WALL_CLOCK_TIME,
                this::expireIdle);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value == null || record.key() == null) {
            return;
        }
        if (value instanceof PipelineStatus status && status.getStage() == Stage.FUSION) {
            return; // our own events, read back from the shared status topic
        }
        String vodId = record.key();
        VodProgress stored = progress.get(vodId);
        if (stored == null && value instanceof PipelineStatus status && status.getKind() == StatusKind.ERROR) {
            return; // a refused registration or an unreadable record does not start a VOD (nor state that stays)
        }
        VodProgress p = stored != null ? stored : new VodProgress();
        long now = context.currentSystemTimeMs();
        p.lastInputMs = now;
        if (p.ended) {
            progress.put(vodId, p); // replays after the summary change nothing, but keep the VOD's marker alive
            return;
        }
        VodFusionState st = state(vodId);
        long outOfRangeBefore = st.droppedOutOfRangeInputs();
        List<HighlightUpdate> updates = new ArrayList<>();
        if (!p.started) {
            p.started = true;
            context.forward(new Record<>(vodId, (SpecificRecord) FusionRecords.started(vodId, now), record.timestamp()),
                    FusionTopology.STATUS_SINK);
        }
        if (value instanceof ChatFeaturesBatch chatRun) {
            for (ChatFeatures chat : chatRun.getFeatures()) {
                updates.addAll(engine.onChat(st, FusionRecords.chatSecond(chat)));
            }
        } else if (value instanceof AudioScoreBatch audioRun) {
            for (AudioScore audio : audioRun.getScores()) {
                AudioSecond second = FusionRecords.audioSecond(audio, engine.config().detection());
                if (second.second() <= FusionEngine.MAX_SECOND) {
                    p.audioMaxSecond = Math.max(p.audioMaxSecond, second.second());
                }
                updates.addAll(engine.onAudio(st, second));
            }
        } else if (value instanceof VideoScoreBatch videoRun) {
            for (VideoScore video : videoRun.getScores()) {
                VideoSecond second = FusionRecords.videoSecond(video, engine.config().detection());
                if (second.second() <= FusionEngine.MAX_SECOND) {
                    p.videoMaxSecond = Math.max(p.videoMaxSecond, second.second());
                }
                updates.addAll(engine.onVideo(st, second));
            }
        } else if (value instanceof VodRegistered vod) {
            p.live = vod.getLive();
            if (vod.getSegmentCount() != null) {
                p.segmentCount = vod.getSegmentCount();
            }
            if (!vod.getHasAudio()) {
                p.audioAbsent = true;
                updates.addAll(engine.onModalityAbsent(st, Modality.AUDIO));
            }
            if (!vod.getHasVideo()) {
                p.videoAbsent = true;
                updates.addAll(engine.onModalityAbsent(st, Modality.VIDEO));
            }
            if (p.live) {
                live.add(vodId);
            }
        } else if (value instanceof PipelineStatus status) {
            updates.addAll(onStatus(st, p, status));
        }
        if (outOfRangeBefore == 0 && st.droppedOutOfRangeInputs() > 0) {
            context.forward(new Record<>(vodId, (SpecificRecord) FusionRecords.secondsOutOfRange(vodId,
                    st.droppedOutOfRangeInputs(), now), record.timestamp()), FusionTopology.STATUS_SINK);
        }
        updates.addAll(finishModalities(st, p));
        forward(vodId, updates, record.timestamp());
        if (p.complete(st.receivedSeconds(Modality.AUDIO), st.receivedSeconds(Modality.VIDEO),
                st.receivedSeconds(Modality.CHAT))) {
            end(vodId, st, p, record.timestamp());
        }
        if (p.ended) {
            states.delete(vodId); // an ended VOD needs only its small progress marker, which ignores replays
        } else {
            states.put(vodId, st);
        }
        progress.put(vodId, p);
    }

    private List<HighlightUpdate> onStatus(VodFusionState st, VodProgress p, PipelineStatus status) {
        Stage stage = status.getStage();
        StatusKind kind = status.getKind();
        if (stage == Stage.CHAT) {
            if (kind == StatusKind.COMPLETED && status.getLastSecond() != null) {
                p.chatEndSec = (int) (status.getLastSecond() + 1);
                return engine.onModalityFinished(st, Modality.CHAT, p.chatEndSec);
            }
            if (kind == StatusKind.MODALITY_ABSENT) {
                p.chatAbsent = true;
                return engine.onModalityAbsent(st, Modality.CHAT);
            }
        } else if (stage == Stage.AUDIO || stage == Stage.VIDEO) {
            boolean audio = stage == Stage.AUDIO;
            if (kind == StatusKind.MODALITY_ABSENT) {
                if (audio) {
                    p.audioAbsent = true;
                } else {
                    p.videoAbsent = true;
                }
                return engine.onModalityAbsent(st, audio ? Modality.AUDIO : Modality.VIDEO);
            }
            // A segment that completed or failed for good will send no more seconds; a completed one says how many it
            // sent (a redelivered status counts once).
            if ((kind == StatusKind.COMPLETED || kind == StatusKind.ERROR) && status.getSegmentIndex() != null) {
                BitSet done = audio ? p.audioSegmentsDone : p.videoSegmentsDone;
                if (!done.get(status.getSegmentIndex()) && kind == StatusKind.COMPLETED && status.getCount() != null) {
                    if (audio) {
                        p.audioExpected += status.getCount();
                    } else {
                        p.videoExpected += status.getCount();
                    }
                }
                done.set(status.getSegmentIndex());
                if (status.getSegmentsTotal() != null && p.segmentCount < 0) {
                    p.segmentCount = status.getSegmentsTotal();
                }
            }
        }
        return List.of();
    }

    /** Tells the engine once when a media modality has every segment. */
    private List<HighlightUpdate> finishModalities(VodFusionState st, VodProgress p) {
        List<HighlightUpdate> updates = new ArrayList<>();
        if (!p.audioAbsent && !p.audioFinishedReported && p.audioDone(st.receivedSeconds(Modality.AUDIO))) {
            p.audioFinishedReported = true;
            updates.addAll(engine.onModalityFinished(st, Modality.AUDIO, p.audioMaxSecond + 1));
        }
        if (!p.videoAbsent && !p.videoFinishedReported && p.videoDone(st.receivedSeconds(Modality.VIDEO))) {
            p.videoFinishedReported = true;
            updates.addAll(engine.onModalityFinished(st, Modality.VIDEO, p.videoMaxSecond + 1));
        }
        return updates;
    }

    private void end(String vodId, VodFusionState st, VodProgress p, long timestamp) {
        VodResult result = engine.onVodEnd(st);
        forward(vodId, result.updates(), timestamp);
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(vodId, (SpecificRecord) FusionRecords.summary(result.summary(), now), timestamp),
                FusionTopology.HIGHLIGHTS_SINK);
        context.forward(new Record<>(vodId, (SpecificRecord) FusionRecords.completed(vodId, result.summary(), now),
                timestamp), FusionTopology.STATUS_SINK);
        p.ended = true;
        live.remove(vodId);
    }

    private void onTick(long nowMs) {
        for (String vodId : List.copyOf(live)) {
            VodFusionState st = state(vodId);
            List<HighlightUpdate> updates = engine.onWallClock(st, nowMs);
            forward(vodId, updates, nowMs);
            states.put(vodId, st); // also when only the stall clock moved
        }
    }

    /** Deletes the state of VODs without input for {@code stateIdleExpiry} (tombstones in the changelogs). */
    private void expireIdle(long nowMs) {
        List<String> idle = new ArrayList<>();
        progress.forEach((vodId, p) -> {
            if (p.lastInputMs == 0) {
                p.lastInputMs = nowMs; // written before input times were kept: counts from now
                progress.put(vodId, p);
            } else if (nowMs - p.lastInputMs > stateIdleExpiry.toMillis()) {
                idle.add(vodId);
            }
        });
        for (String vodId : idle) {
            states.delete(vodId);
            progress.delete(vodId);
            live.remove(vodId);
        }
    }

    private void forward(String vodId, List<HighlightUpdate> updates, long timestamp) {
        for (HighlightUpdate u : updates) {
            context.forward(new Record<>(vodId, (SpecificRecord) FusionRecords.event(u), timestamp),
                    FusionTopology.HIGHLIGHTS_SINK);
        }
    }

    private VodFusionState state(String vodId) {
        VodFusionState st = states.get(vodId);
        return st != null ? st : engine.newState(vodId);
    }

    private VodProgress progress(String vodId) {
        VodProgress p = progress.get(vodId);
        return p != null ? p : new VodProgress();
    }
}
