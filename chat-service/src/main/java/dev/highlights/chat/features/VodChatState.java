package dev.highlights.chat.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chat state of one VOD: watermark, open seconds, rolling baseline, repeat index and counters. Not thread-safe;
 * a Kafka Streams task owns it. Use it through {@link ChatFeatureEngine}; persist it with {@link #toBytes()}.
 *
 * <h2>Time rules (L = allowed lateness, W = baseline window, R = repeat window, w = watermark)</h2>
 * <ul>
 *   <li><b>Watermark</b>: the highest offset of any accepted message of this VOD. Per VOD, so other VODs on the
 *       same partition never make this one's messages look late.</li>
 *   <li><b>Late</b>: a message with offset &lt; w - L is rejected and counted; so are messages after the end marker.
 *       Second x is <i>final</i> once w &gt;= x + 1 + L: nothing can change it any more.</li>
 *   <li><b>First emission</b>: second s is emitted (revision 1) as soon as w &gt;= s + 1, i.e. when a message from a
 *       later second arrives; every second from 0 up is emitted in order, quiet ones with count 0, so the first
 *       message at offset 5000.3 emits seconds 0..4999. The end marker emits the rest up to the last second.</li>
 *   <li><b>Updates</b>: a message accepted for an already emitted second re-emits that second with revision + 1,
 *       and re-emits later emitted seconds whose repeat share it changed (it may be the earlier copy of their
 *       text). Seconds whose values do not change are not re-emitted. Revisions depend on arrival order; values
 *       do not.</li>
 *   <li><b>Baseline</b>: second s is scored against the final counts of seconds [s - L - W, s - L - 1], captured
 *       when s is first emitted (by then w &gt;= s + 1, so all of them are final). The window ends L + 1 seconds
 *       before s: that lag is what makes the baseline independent of arrival order, and it keeps a second out of
 *       its own baseline. Warm-up: while that window holds fewer than warmUpSeconds seconds.</li>
 * </ul>
 * Together these make the final values of every second a function of the accepted messages alone: any arrival
 * order in which no message is late yields the same final values per second.
 *
 * <h2>Memory</h2>
 * Open seconds are those not yet pushed into the baseline: at most L + 2 after the emission frontier, each holding
 * small {@link MessageFacts}. Duplicate detection uses the ids of the open seconds only: a duplicate whose
 * original second is final is rejected as late instead (its offset is below w - L), so it is never counted twice
 * either; only the counter it lands in differs. (Ids are assumed to name one message: if a broken source reuses an id
 * for different content, the first copy to arrive wins.) The baseline keeps W counts; the repeat index keeps the distinct
 * texts of the last R seconds. Nothing grows with the VOD's length.
 */
public final class VodChatState {

    /** A second that may still change: its messages, and once emitted its revision and captured baseline. */
    static final class OpenSecond {
        final SecondAccumulator messages;
        int revision;          // 0 until first emitted
        BaselineStats stats;   // set at first emission

        OpenSecond(long second) {
            this.messages = new SecondAccumulator(second);
        }
    }

    final ChatFeatureConfig config;
    private final ActivityScorer scorer;
    final RollingBaseline baseline;
    final TreeMap<Long, OpenSecond> open = new TreeMap<>();
    final Map<String, Long> idIndex = new HashMap<>();
    final RepeatIndex repeats;
    /** Chatter (hash of the key) to the first final second with a message of theirs: who is new to this VOD. */
    final Map<Long, Long> firstSeen = new HashMap<>();

    /** Bounds the chatter history (about 20 bytes each in memory, 12 in a snapshot); later chatters are not tracked. */
    static final int MAX_TRACKED_CHATTERS = 100_000;

    boolean hasWatermark;
    double watermark;
    long nextToEmit;
    boolean ended;
    long lastSecond = -1;
    long accepted;
    long late;
    long duplicates;
    long invalid;

    public VodChatState(ChatFeatureConfig config) {
        this(config, new RollingBaseline(config.baselineWindowSeconds(), config.includeQuietSeconds()));
    }

    VodChatState(ChatFeatureConfig config, RollingBaseline baseline) {
        this.config = config;
        this.scorer = new ActivityScorer(config);
        this.baseline = baseline;
        this.repeats = new RepeatIndex(config.repeatWindowSeconds());
    }

    // ---------------------------------------------------------------- input

    MessageOutcome accept(MessageFacts message) {
        if (ended) {
            late++;
            return MessageOutcome.of(MessageOutcome.Disposition.AFTER_END);
        }
        if (idIndex.containsKey(message.messageId())) {
            duplicates++;
            return MessageOutcome.of(MessageOutcome.Disposition.DUPLICATE);
        }
        if (hasWatermark && message.offsetSec() < watermark - config.allowedLatenessSeconds()) {
            late++;
            return MessageOutcome.of(MessageOutcome.Disposition.LATE);
        }
        accepted++;
        List<ChatSecondFeatures> out = new ArrayList<>();
        long second = message.second();
        if (second < nextToEmit) {
            updateEmitted(message, out);
        } else {
            store(open.computeIfAbsent(second, OpenSecond::new), message);
            if (!hasWatermark || message.offsetSec() > watermark) {
                watermark = message.offsetSec();
                hasWatermark = true;
            }
            emitFirstVersions((long) Math.floor(watermark) - 1, out);
        }
        return new MessageOutcome(MessageOutcome.Disposition.ACCEPTED, out);
    }

    MessageOutcome rejectInvalid() {
        invalid++;
        return MessageOutcome.of(MessageOutcome.Disposition.INVALID);
    }

    /**
     * Flushes every second up to the last one and completes the VOD. The last second is the larger of the
     * watermark's second and the marker's offset (NaN: none). A second call changes nothing.
     */
    EndOutcome end(double endOffsetSec) {
        if (ended) {
            return new EndOutcome(List.of(), completion());
        }
        long last = hasWatermark ? (long) Math.floor(watermark) : -1;
        if (Double.isFinite(endOffsetSec) && endOffsetSec <= config.maxOffsetSeconds()) {
            last = Math.max(last, (long) Math.floor(Math.max(0.0, endOffsetSec)));
        }
        List<ChatSecondFeatures> out = new ArrayList<>();
        emitFirstVersions(last, out);
        ended = true;
        lastSecond = last;
        // Nothing can change any more: drop what was only kept for late messages.
        open.clear();
        idIndex.clear();
        repeats.clear();
        firstSeen.clear();
        return new EndOutcome(out, completion());
    }

    // ---------------------------------------------------------------- emission

    private void updateEmitted(MessageFacts message, List<ChatSecondFeatures> out) {
        long second = message.second();
        OpenSecond target = open.get(second);
        if (target == null || target.revision == 0) {
            throw new IllegalStateException("emitted second " + second + " accepted a message but is not open");
        }
        // The message changes its own second and, when it is an earlier copy of their text, the repeat share of
        // emitted seconds up to R later that hold the same text; nothing else can change.
        TreeMap<Long, OpenSecond> affected = new TreeMap<>();
        affected.put(second, target);
        long lastAffected = Math.min(second + config.repeatWindowSeconds(), nextToEmit - 1);
        for (long s : repeats.laterSecondsWithSameText(message, lastAffected)) {
            affected.put(s, open.get(s));
        }
        List<ChatSecondFeatures> before = new ArrayList<>(affected.size());
        for (OpenSecond os : affected.values()) {
            before.add(features(os));
        }
        store(target, message);
        int i = 0;
        for (OpenSecond os : affected.values()) {
            ChatSecondFeatures after = features(os);
            if (!after.equals(before.get(i++))) {
                os.revision++;
                out.add(after.withRevision(os.revision));
            }
        }
    }

    /** Emits first versions of seconds nextToEmit..upTo in order, finalising the seconds that leave the lag. */
    private void emitFirstVersions(long upTo, List<ChatSecondFeatures> out) {
        for (long s = nextToEmit; s <= upTo; s++) {
            long finalSecond = s - config.allowedLatenessSeconds() - 1;
            if (finalSecond >= 0) {
                finalise(finalSecond);
            }
            OpenSecond os = open.computeIfAbsent(s, OpenSecond::new);
            os.revision = 1;
            os.stats = scorer.stats(baseline);
            out.add(features(os));
            nextToEmit = s + 1;
        }
    }

    /** Pushes a final second's count into the baseline and forgets its messages (ids, open repeat entries). */
    private void finalise(long second) {
        OpenSecond os = open.remove(second);
        baseline.push(os == null ? 0 : os.messages.messageCount());
        if (os != null) {
            for (MessageFacts m : os.messages.unorderedMessages()) {
                idIndex.remove(m.messageId());
                if (firstSeen.size() < MAX_TRACKED_CHATTERS) {
                    firstSeen.putIfAbsent(TextNormalizer.hash64(m.chatterKey()), second);
                }
            }
            repeats.close(second, os.messages.unorderedMessages());
        }
        // Open seconds are now all > second; their repeat look-back reaches second + 1 - R at the earliest.
        repeats.evictClosedBefore(second + 1 - config.repeatWindowSeconds());
    }

    private void store(OpenSecond os, MessageFacts message) {
        os.messages.add(message);
        idIndex.put(message.messageId(), message.second());
        repeats.addOpen(message);
    }

    private ChatSecondFeatures features(OpenSecond os) {
        ChatSecondFeatures raw = os.messages.features(repeats::isRepeat, config.reactionMaxTokens(), this::isNewcomer);
        return raw.withRevision(os.revision).withActivity(scorer.score(raw.messageCount(), os.stats));
    }

    /**
     * Whether the message's chatter is new to this VOD: no message of theirs in the seconds that were final when its
     * second was first emitted (up to second - L - 1). Those seconds never change, and any chatter first seen later is
     * new by the same rule, so the answer does not depend on when or in what order it is asked. Early in a VOD everyone
     * is new, so nobody counts as new before {@code newcomerHistorySeconds} of history.
     */
    private boolean isNewcomer(MessageFacts m) {
        long boundary = m.second() - config.allowedLatenessSeconds() - 1;
        if (boundary < config.newcomerHistorySeconds()) {
            return false;
        }
        Long first = firstSeen.get(TextNormalizer.hash64(m.chatterKey()));
        return first == null || first > boundary;
    }

    // ---------------------------------------------------------------- views

    public ChatFeatureConfig config() {
        return config;
    }

    public ChatCompletion completion() {
        return new ChatCompletion(accepted, late, duplicates, invalid, ended ? lastSecond : -1);
    }

    /** Highest accepted offset, NaN before the first message. */
    public double watermark() {
        return hasWatermark ? watermark : Double.NaN;
    }

    /** The first second not yet emitted. */
    public long nextSecondToEmit() {
        return nextToEmit;
    }

    public boolean isEnded() {
        return ended;
    }

    /** Seconds held in memory (for the bounded-memory guarantee). */
    public int openSeconds() {
        return open.size();
    }

    /** Message ids held for deduplication. */
    public int trackedMessageIds() {
        return idIndex.size();
    }

    /** Text keys held for repeat detection. */
    public int trackedTexts() {
        return repeats.size();
    }

    // ---------------------------------------------------------------- snapshots

    /** Serialises the whole state (configuration included) for a changelogged state store. */
    public byte[] toBytes() {
        return VodChatStateCodec.encode(this);
    }

    /** Restores a state written by {@link #toBytes()}; continuing from it gives the same output as never stopping. */
    public static VodChatState fromBytes(byte[] bytes) {
        return VodChatStateCodec.decode(bytes);
    }

    /** Used by the codec to rebuild derived indexes after restoring open seconds. */
    void restoreOpenSecond(long second, int revision, BaselineStats stats, List<MessageFacts> messages) {
        OpenSecond os = new OpenSecond(second);
        os.revision = revision;
        os.stats = stats;
        open.put(second, os);
        for (MessageFacts m : messages) {
            store(os, m);
        }
    }
}
