package dev.highlights.fusion.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming chat-priority fusion of one VOD at a time (docs/detection.md rules), free of Kafka: a processor loads the VOD's
 * {@link VodFusionState}, calls one method per input record or punctuation, stores the state and forwards the returned
 * {@link HighlightUpdate}s. The engine itself is stateless and thread-safe; every method mutates only the state given.
 *
 * <h2>When a second is fused</h2>
 * Media second s is fused once audio and video have it (or are absent, finished, or below their watermark) and chat
 * has its second s + lag, all earlier seconds being fused. Inputs may come in any order and duplicated: on-time
 * inputs (for seconds not fused yet) are only stored, and fusion walks the seconds in order, so the output does not
 * depend on arrival order. {@link #onWallClock} forces the frontier past a modality that stalls (live streams keep
 * flowing); {@link #advanceTo} does so explicitly.
 *
 * <h2>Latency</h2>
 * A flag is final once seconds s-r..s+r are fused (r = 3: three seconds of lookahead), and an interval closes when
 * maxGap+1 flags after its last highlight second are final: an interval is emitted when the media up to
 * last + maxGap + 1 + r (last + 7 s by default; for chat, plus the lag) has been fused. This is inherent to the rules.
 * With {@link FusionConfig#emitOpenIntervals()} a running interval is sent as soon as it is long enough and revised as
 * each further second becomes final: a highlight second then shows up once the media up to it + r has been fused,
 * and the closing revision ({@code open=false}) follows the gap as before.
 *
 * <h2>Late inputs</h2>
 * An input for a second already fused (it came after a timeout forced the frontier) re-scores that second against
 * the current rolling baselines and re-scans the retained window; an emitted highlight that changes is re-emitted with
 * the same id and revision + 1 (or retracted). Inputs older than {@link VodFusionState#lateInputHorizon()} are dropped.
 * An input identical to the stored one is a no-op. After the VOD ended, inputs are ignored.
 *
 * <h2>Chat lag</h2>
 * Chat is shifted back by the lag: media second s is fused with chat second s + lag. The lag is fixed or estimated
 * ({@link ChatLagEstimator}); a change applies to seconds fused from then on (emitted highlights are not re-fused).
 */
public final class FusionEngine {
    private static final List<HighlightUpdate> NONE = List.of();

    /**
     * The last second an input may be for: a VOD of up to 7 days, the bound chat-service puts on offsets. Per-second
     * storage spans the seconds seen, so one bogus second (a millisecond timestamp in a seconds field) must not make
     * it grow without bound.
     */
    public static final int MAX_SECOND = 7 * 24 * 3600;

    private final FusionConfig config;
    private final SecondScorer scorer;
    private final FusedSeconds seconds;
    private final IntervalSummarizer summarizer;

    public FusionEngine(FusionConfig config) {
        this.config = config;
        this.scorer = new SecondScorer(config);
        this.seconds = new FusedSeconds(config);
        this.summarizer = new IntervalSummarizer(config, seconds);
    }

    public FusionConfig config() {
        return config;
    }

    /** A fresh state for a VOD: all three modalities expected until told otherwise. */
    public VodFusionState newState(String vodId) {
        return VodFusionState.create(vodId, config);
    }

    // ------------------------------------------------------------------ inputs

    /** Chat features of one chat second (when viewers typed); returns the highlight events this input caused. */
    public List<HighlightUpdate> onChat(VodFusionState st, ChatSecond in) {
        int c = in.second();
        if (!accepts(st, c, st.ring.lo())) return NONE;
        SecondRing ring = st.ring;
        ring.ensure(c);
        boolean had = ring.has(c, SecondRing.CHAT);
        if (had && ring.chatScore(c) == in.score() && ring.chatCount(c) == in.messageCount()
                && ring.chatReaction(c) == in.reactionShare() && ring.chatNewcomer(c) == in.newcomerShare()) {
            return NONE;
        }
        if (!had) st.received[Modality.CHAT.ordinal()]++;
        ring.setChat(c, in.score(), in.messageCount(), in.reactionShare(), in.newcomerShare());
        // Whether a chat second is in a reaction burst depends on the chat seconds within the radius around it.
        for (int k = Math.max(c - config.smoothingRadiusSec(), ring.lo()); k <= c + config.smoothingRadiusSec() && k < ring.hi(); k++) {
            ring.set(k, SecondRing.BURST_KNOWN, false);
        }
        seen(st, Modality.CHAT, c);
        int use = fusedUse(st, c);
        if (use == USED_BY_PRUNED) {
            st.droppedLate++;
            return NONE;
        }
        List<HighlightUpdate> out = new ArrayList<>(1);
        if (use == USED_BY_RETAINED) rescan(st, out);
        advance(st, out);
        return out;
    }

    /** Audio of one media second; a different value for the same second replaces the stored one (a correction). */
    public List<HighlightUpdate> onAudio(VodFusionState st, AudioSecond in) {
        int s = in.second();
        if (!accepts(st, s, st.pruned)) return NONE;
        SecondRing ring = st.ring;
        ring.ensure(s);
        boolean had = ring.has(s, SecondRing.AUDIO);
        if (had && ring.audioKind(s) == in.kind() && ring.audioValue(s) == in.value()) return NONE;
        if (ring.has(s, SecondRing.AUDIO_ROLLED)) {
            // A corrected raw value: take the old one out of the baseline first.
            st.audioRolling.remove(s, ring.audioValue(s));
            ring.set(s, SecondRing.AUDIO_ROLLED, false);
        }
        if (!had) st.received[Modality.AUDIO.ordinal()]++;
        ring.setAudio(s, in.kind(), in.value());
        seen(st, Modality.AUDIO, s);
        List<HighlightUpdate> out = new ArrayList<>(1);
        if (s < st.fused) {
            scorer.scoreAudio(st, s);
            rescan(st, out);
        }
        advance(st, out);
        return out;
    }

    /** Video of one media second, with its static-screen and scene-cut flags. */
    public List<HighlightUpdate> onVideo(VodFusionState st, VideoSecond in) {
        int s = in.second();
        if (!accepts(st, s, st.pruned)) return NONE;
        SecondRing ring = st.ring;
        ring.ensure(s);
        boolean had = ring.has(s, SecondRing.VIDEO);
        if (had && ring.videoKind(s) == in.kind() && ring.videoB(s) == in.brightness()
                && ring.videoM(s) == in.motion() && ring.has(s, SecondRing.STATIC) == in.staticScreen()
                && ring.has(s, SecondRing.CUT) == in.sceneCut()) {
            return NONE;
        }
        if (ring.has(s, SecondRing.VIDEO_ROLLED)) {
            st.brightnessRolling.remove(s, ring.videoB(s));
            st.motionRolling.remove(s, ring.videoM(s));
            ring.set(s, SecondRing.VIDEO_ROLLED, false);
        }
        if (!had) st.received[Modality.VIDEO.ordinal()]++;
        ring.setVideo(s, in.kind(), in.brightness(), in.motion(), in.staticScreen(), in.sceneCut());
        seen(st, Modality.VIDEO, s);
        List<HighlightUpdate> out = new ArrayList<>(1);
        if (s < st.fused) {
            scorer.scoreVideo(st, s);
            rescan(st, out);
        }
        advance(st, out);
        return out;
    }

    /** The modality has delivered everything before {@code completeBeforeSec}; missing seconds there count as empty. */
    public List<HighlightUpdate> onWatermark(VodFusionState st, Modality m, int completeBeforeSec) {
        if (st.ended) return NONE;
        st.watermark[m.ordinal()] = Math.max(st.watermark[m.ordinal()], Math.min(completeBeforeSec, MAX_SECOND + 1));
        return advanced(st);
    }

    /**
     * The modality is finished. With a known end (exclusive, >= 0) seconds below it are still awaited; with -1 every
     * second it has not delivered yet counts as empty. When all modalities are finished or absent and everything up
     * to the end is fused, the VOD ends by itself (flush; call {@link #onVodEnd} for the summary).
     */
    public List<HighlightUpdate> onModalityFinished(VodFusionState st, Modality m, int endSecExclusive) {
        if (st.ended) return NONE;
        st.finishedEnd[m.ordinal()] = endSecExclusive < 0 ? -1 : Math.min(endSecExclusive, MAX_SECOND + 1);
        return advanced(st);
    }

    /** The modality will not come for this VOD (video off, chat disabled): it never holds fusion back. */
    public List<HighlightUpdate> onModalityAbsent(VodFusionState st, Modality m) {
        if (st.ended) return NONE;
        st.absent[m.ordinal()] = true;
        return advanced(st);
    }

    /**
     * Wall-clock tick (a punctuator). If the frontier has not moved for {@code modalityTimeoutMillis} while data waits
     * ahead of it, it is forced forward, waiting out at most one modality: to the second-fastest modality's contiguous
     * data when three are expected, to the fastest when two are. The stall clock starts at the first tick that sees
     * the stall, so the resolution is the tick interval.
     */
    public List<HighlightUpdate> onWallClock(VodFusionState st, long nowMillis) {
        if (st.ended) return NONE;
        int target = timeoutTarget(st);
        if (target <= st.fused) {
            st.stallFrontier = -1;
            return NONE;
        }
        if (st.stallFrontier != st.fused) {
            st.stallFrontier = st.fused;
            st.stallSinceMillis = nowMillis;
            return NONE;
        }
        if (nowMillis - st.stallSinceMillis < config.modalityTimeoutMillis()) return NONE;
        st.stallFrontier = -1;
        forceFuse(st, target);
        return advanced(st);
    }

    /** Forces fusion of every second below {@code second}; what is missing there counts as empty (late inputs revise). */
    public List<HighlightUpdate> advanceTo(VodFusionState st, int second) {
        if (st.ended) return NONE;
        forceFuse(st, second);
        return advanced(st);
    }

    /**
     * Ends the VOD: fuses everything up to its end (the largest known end or input second), closes the last interval
     * and returns the remaining updates with the final ranked summary. Calling it again returns no updates and the
     * same summary.
     */
    public VodResult onVodEnd(VodFusionState st) {
        List<HighlightUpdate> out = new ArrayList<>();
        if (!st.ended) {
            int end = st.fused;
            for (Modality m : Modality.values()) {
                int i = m.ordinal();
                if (st.absent[i]) continue;
                end = Math.max(end, Math.max(st.finishedEnd[i], st.maxSeen[i] + 1));
            }
            end(st, end);
            advance(st, out);
        }
        return new VodResult(out, summary(st));
    }

    /**
     * The ranked live highlights so far (the final summary once the VOD ended): by the reported interval's duration,
     * then mean score (or by score first), then earlier start.
     */
    public VodSummary summary(VodFusionState st) {
        List<HighlightUpdate> live = st.records.live();
        return VodSummary.of(st.vodId, config.rankingOrder(), reportedLag(st, live), live);
    }

    /** CONFIRMED: the median of the highlights' own lags (the VOD's typical lag); otherwise the lag in use. */
    private int reportedLag(VodFusionState st, List<HighlightUpdate> live) {
        if (config.detection() != DetectionRule.CONFIRMED || live.isEmpty()) return st.lastLag;
        int[] lags = live.stream().mapToInt(HighlightUpdate::chatLagSec).sorted().toArray();
        return lags[(lags.length - 1) / 2];
    }

    // ------------------------------------------------------------------ frontier

    private boolean accepts(VodFusionState st, int second, int horizon) {
        if (st.ended) {
            st.ignoredAfterEnd++;
            return false;
        }
        if (second > MAX_SECOND) {
            st.droppedOutOfRange++;
            return false;
        }
        if (second < horizon || second < st.ring.lo()) {
            st.droppedLate++;
            return false;
        }
        return true;
    }

    private static void seen(VodFusionState st, Modality m, int s) {
        st.maxSeen[m.ordinal()] = Math.max(st.maxSeen[m.ordinal()], s);
    }

    private List<HighlightUpdate> advanced(VodFusionState st) {
        List<HighlightUpdate> out = new ArrayList<>(1);
        advance(st, out);
        return out.isEmpty() ? NONE : out;
    }

    /** Fuses every ready second, ends the VOD when all modalities finished, builds intervals, prunes. */
    private void advance(VodFusionState st, List<HighlightUpdate> out) {
        if (!st.ended) {
            boolean allFinished = allFinished(st);
            int limit = allFinished ? endFromFinished(st) : Integer.MAX_VALUE;
            while (st.fused < limit) {
                int s = st.fused;
                observeLagEvidence(st, s);
                int lag = lagFor(st);
                if (!ready(st, Modality.AUDIO, s) || !ready(st, Modality.VIDEO, s) || !ready(st, Modality.CHAT, s + lag)) break;
                scorer.fuse(st, s, lag);
            }
            if (allFinished && st.fused >= limit) end(st, Math.max(limit, st.fused));
        }
        buildIntervals(st, out);
        prune(st);
    }

    private boolean ready(VodFusionState st, Modality m, int x) {
        int i = m.ordinal();
        if (st.absent[i] || finishedAt(st, i, x)) return true;
        return advancePrefix(st, m, x) > x;
    }

    /** Whether the modality is finished and has nothing more to deliver for second x. */
    private static boolean finishedAt(VodFusionState st, int i, int x) {
        int end = st.finishedEnd[i];
        return end == -1 || (end >= 0 && x >= end);
    }

    /** Moves the modality's contiguous prefix forward over delivered or watermarked seconds, up to x + 1. Amortised O(1). */
    private static int advancePrefix(VodFusionState st, Modality m, int x) {
        int i = m.ordinal();
        int flag = flagOf(m);
        int p = Math.max(st.prefix[i], st.ring.lo());
        while (p <= x && (p < st.watermark[i] || st.ring.has(p, flag))) p++;
        st.prefix[i] = p;
        return p;
    }

    private static int flagOf(Modality m) {
        return switch (m) {
            case CHAT -> SecondRing.CHAT;
            case AUDIO -> SecondRing.AUDIO;
            case VIDEO -> SecondRing.VIDEO;
        };
    }

    private static boolean allFinished(VodFusionState st) {
        for (int i = 0; i < 3; i++) if (!st.absent[i] && st.finishedEnd[i] == -2) return false;
        return true;
    }

    private static int endFromFinished(VodFusionState st) {
        int end = 0;
        for (int i = 0; i < 3; i++) {
            if (st.absent[i]) continue;
            end = Math.max(end, st.finishedEnd[i] >= 0 ? st.finishedEnd[i] : st.maxSeen[i] + 1);
        }
        return end;
    }

    /**
     * See {@link #onWallClock}: the second-smallest of the expected modalities' data frontiers (media time), i.e. as
     * far as all but one of them have data; a finished modality is no constraint, but the target never passes the
     * data actually seen.
     */
    private int timeoutTarget(VodFusionState st) {
        int[] fronts = new int[3];
        int k = 0;
        int maxData = st.fused;
        for (Modality m : Modality.values()) {
            int i = m.ordinal();
            if (st.absent[i]) continue;
            int shift = m == Modality.CHAT ? lagFor(st) : 0;
            int data = advancePrefix(st, m, Math.max(st.maxSeen[i], st.watermark[i] - 1)) - shift;
            maxData = Math.max(maxData, data);
            fronts[k++] = finishedAt(st, i, data + shift) ? Integer.MAX_VALUE : data;
        }
        if (k < 2) return st.fused;
        Arrays.sort(fronts, 0, k);
        return Math.min(fronts[1], maxData);
    }

    private void forceFuse(VodFusionState st, int target) {
        while (st.fused < target) {
            int s = st.fused;
            observeLagEvidence(st, s);
            scorer.fuse(st, s, lagFor(st));
        }
        // What was forced counts as delivered: prefixes restart from the frontier.
        int f = st.fused;
        st.prefix[Modality.AUDIO.ordinal()] = Math.max(st.prefix[Modality.AUDIO.ordinal()], f);
        st.prefix[Modality.VIDEO.ordinal()] = Math.max(st.prefix[Modality.VIDEO.ordinal()], f);
        st.prefix[Modality.CHAT.ordinal()] = Math.max(st.prefix[Modality.CHAT.ordinal()], f + st.lastLag);
    }

    private void end(VodFusionState st, int vodEnd) {
        forceFuse(st, vodEnd);
        st.ended = true;
        st.vodEnd = st.fused;
    }

    // ------------------------------------------------------------------ per second

    /** Whether one lag per VOD is estimated (REFERENCE with ESTIMATED lag; CONFIRMED measures each moment's own). */
    private boolean estimatesLag() {
        return config.detection() == DetectionRule.REFERENCE && config.chatLagMode() == ChatLagMode.ESTIMATED;
    }

    /**
     * The lag media second s is fused with: chat must be known up to s + lag. CONFIRMED looks for the reaction over the
     * whole lag window (up to maxChatLagSec), or at the starting lag when chat decides alone.
     */
    private int lagFor(VodFusionState st) {
        if (config.detection() == DetectionRule.CONFIRMED) {
            return seconds.chatAlone(st) ? config.fixedChatLagSec() : config.maxChatLagSec();
        }
        return estimatesLag() ? st.lagEstimator.currentLag() : config.fixedChatLagSec();
    }

    /**
     * Before media second s is fused, the estimator observes media second t = s - 1 - (maxLag - minLag): chat for
     * t + maxLag = s - 1 + minLag is then known whatever the lag, so the evidence depends on data only.
     */
    private void observeLagEvidence(VodFusionState st, int s) {
        if (!estimatesLag()) return;
        ChatLagEstimator est = st.lagEstimator;
        int last = s - 1 - (est.maxLag() - est.minLag());
        while (st.estimatorNext <= last) {
            int t = st.estimatorNext++;
            double[] chat = new double[est.maxLag() - est.minLag() + 1];
            for (int i = 0; i < chat.length; i++) chat[i] = SecondScorer.chatActivity(st, t + est.minLag() + i);
            est.observe(scorer.mediaActivity(st, t), chat);
        }
    }

    private static final int NOT_USED_YET = 0;
    private static final int USED_BY_RETAINED = 1;
    private static final int USED_BY_PRUNED = 2;

    /**
     * Whether chat second c already fed a fused second: a retained one (a change must re-scan), only pruned ones (too
     * late to apply), or none yet (on time).
     */
    private int fusedUse(VodFusionState st, int c) {
        boolean pruned = c < st.pruned;
        int maxLag = Math.max(config.maxChatLagSec(), config.fixedChatLagSec());
        for (int lag = 0; lag <= maxLag; lag++) {
            int s = c - lag;
            if (s < st.ring.lo() || s >= st.fused || !st.ring.has(s, SecondRing.FUSED) || st.ring.lag(s) != lag) continue;
            if (s >= st.pruned) return USED_BY_RETAINED;
            pruned = true;
        }
        return pruned ? USED_BY_PRUNED : NOT_USED_YET;
    }

    // ------------------------------------------------------------------ intervals

    /** Feeds every newly final flag to the interval builder; at the VOD end closes the last run. */
    private void buildIntervals(VodFusionState st, List<HighlightUpdate> out) {
        int target = st.ended ? st.vodEnd : Math.max(st.flagged, st.fused - config.smoothingRadiusSec());
        boolean newFlags = target > st.flagged;
        for (int s = st.flagged; s < target; s++) {
            IntervalBuilder.Run run = st.builder.accept(s, seconds.isHighlight(st, s), seconds.isStatic(st, s));
            if (run != null) settle(st, run, out);
        }
        st.flagged = Math.max(st.flagged, target);
        if (st.ended && st.builder.isOpen()) settle(st, st.builder.finish(st.vodEnd), out);
        if (newFlags) settleOpen(st, out);
    }

    private void settle(VodFusionState st, IntervalBuilder.Run run, List<HighlightUpdate> out) {
        st.records.settle(st.vodId, run, run.length() >= config.minDurationSec(),
                (r, id, previousEnd) -> summarizer.summarize(st, r, id, previousEnd, false), out);
    }

    /** With open intervals on: sends (or revises) the running interval once it is long enough; shorter, it waits. */
    private void settleOpen(VodFusionState st, List<HighlightUpdate> out) {
        IntervalBuilder.Run open = config.emitOpenIntervals() && !st.ended ? st.builder.openRun() : null;
        if (open == null || open.length() < config.minDurationSec()) return;
        st.records.settle(st.vodId, open, true, (r, id, previousEnd) -> summarizer.summarize(st, r, id, previousEnd, true), out);
    }

    /**
     * After a late input changed a fused second: rebuild the runs of [pruned, flagged) from scratch (the builder was
     * idle at {@code pruned}, so this is what an uninterrupted scan gives) and reconcile them with what was emitted.
     */
    private void rescan(VodFusionState st, List<HighlightUpdate> out) {
        IntervalBuilder builder = new IntervalBuilder(config.maxGapSec());
        List<IntervalBuilder.Run> closed = new ArrayList<>();
        for (int s = st.pruned; s < st.flagged; s++) {
            IntervalBuilder.Run run = builder.accept(s, seconds.isHighlight(st, s), seconds.isStatic(st, s));
            if (run != null) closed.add(run);
        }
        st.builder = builder;
        st.records.retractUnmatched(st.pruned, closed, builder.openRun(), out);
        for (IntervalBuilder.Run run : closed) settle(st, run, out);
        settleOpen(st, out);
    }

    /**
     * Moves the late-input horizon to about retainSec behind the frontier, but only to a second where the interval
     * builder was idle (never into a run), then forgets per-second data that nothing reads any more.
     */
    private void prune(VodFusionState st) {
        int target = Math.min(st.fused - config.retainSec(), st.flagged);
        int idle = st.builder.idlePointAtOrBefore(target);
        if (idle > st.pruned) st.pruned = idle;
        st.builder.forgetBefore(st.pruned);
        int lo = st.pruned - Math.max(config.smoothingRadiusSec(), config.sceneCutSnapSec());
        // CONFIRMED looks back up to maxChatLagSec (+1 for the neighbour of activity) for where an activity started.
        if (config.detection() == DetectionRule.CONFIRMED) lo = Math.min(lo, st.pruned - config.maxChatLagSec() - 2);
        if (estimatesLag()) lo = Math.min(lo, st.estimatorNext);
        if (lo > st.ring.lo()) st.ring.pruneBelow(lo);
    }
}
