package dev.highlights.chat;

import dev.highlights.avro.ChatFeaturesBatch;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatSecondFeatures;
import dev.highlights.chat.features.EndOutcome;
import dev.highlights.chat.features.MessageOutcome;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.streams.CommitCachedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Chat messages to per-second chat features, one {@link VodChatState} per VOD in a changelogged store.
 * Time is each VOD's own media time (its watermark lives in its state), never the task's stream time,
 * so VODs that share a partition do not make each other's messages look late.
 *
 * <p>The seconds a VOD's messages close within one {@code emitInterval} (wall clock) go out together, as one
 * {@code chat-features} record (at most {@code maxRun} seconds; at once at the end of the chat): consumers pay Kafka's
 * per-record cost once per run instead of once per second, for at most {@code emitInterval} more latency. Until then
 * they wait in a changelogged store, so a commit between two emissions keeps them.
 */
final class ChatFeaturesProcessor implements Processor<String, ChatMessage, String, SpecificRecord> {
    /** Emit a PROGRESS status each time a VOD's emitted seconds pass a multiple of this. */
    static final long PROGRESS_EVERY_SECONDS = 60;

    private final ChatFeatureEngine engine;
    private final Duration stateIdleExpiry;
    private final Duration emitInterval;
    private final int maxRun;
    private ProcessorContext<String, SpecificRecord> context;
    /**
     * Live per-VOD states, encoded into the changelogged store only when the task commits (encoding and logging a
     * VOD's state for every message would dominate the cost).
     */
    private CommitCachedStore<VodChatState> states;
    private KeyValueStore<String, Long> lastInput;
    /** When each VOD's last-input time was last written (this task's memory): it is written at most once a minute. */
    private final Map<String, Long> lastInputWritten = new HashMap<>();
    /** Per VOD, the features not sent yet (one run); deleted when sent. */
    private CommitCachedStore<ChatFeaturesBatch> pending;
    private final Set<String> withPending = new LinkedHashSet<>();

    /**
     * @param emitInterval how long closed seconds may wait to go out with later ones; zero sends each message's
     *                     closed seconds at once
     * @param maxRun       a VOD's waiting seconds go out at once when they reach this many
     */
    ChatFeaturesProcessor(ChatFeatureEngine engine, Duration stateIdleExpiry, Duration emitInterval, int maxRun) {
        this.engine = engine;
        this.stateIdleExpiry = stateIdleExpiry;
        this.emitInterval = emitInterval;
        this.maxRun = maxRun;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(ChatTopology.STATE_STORE);
        this.lastInput = context.getStateStore(ChatTopology.LAST_INPUT_STORE);
        lastInputWritten.clear();
        this.pending = context.getStateStore(ChatTopology.PENDING_STORE);
        withPending.clear();
        pending.forEach((vodId, run) -> withPending.add(vodId)); // restored after a restart or a rebalance
        if (!emitInterval.isZero()) {
            context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::sendAllPending);
        }
        // Ended VODs keep their state (so replays after the end marker change nothing) until the input
        // topic's retention has expired them; then they are forgotten.
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
    }

    @Override
    public void process(Record<String, ChatMessage> record) {
        ChatMessage message = record.value();
        if (message == null) {
            return;
        }
        String vodId = record.key() != null ? record.key() : message.getVodId();
        long now = context.currentSystemTimeMs();
        touch(vodId, now);
        VodChatState state = states.get(vodId);
        boolean fresh = state == null;
        if (fresh) {
            state = engine.newVodState();
            forward(record, vodId, ChatRecords.started(vodId, now));
        }
        long before = state.nextSecondToEmit();
        if (message.getType() == ChatMessageType.END_OF_CHAT) {
            EndOutcome outcome = engine.onEnd(state, message.getOffsetSec());
            queueFeatures(record, vodId, outcome.emitted());
            sendPending(vodId, record.timestamp()); // the last seconds go out with the completion, not later
            forward(record, vodId, ChatRecords.completed(vodId, outcome.completion(), now));
        } else if (ChatRecords.isChatActivity(message)) {
            long lateBefore = state.completion().late();
            MessageOutcome outcome = engine.onMessage(state, ChatRecords.view(message));
            queueFeatures(record, vodId, outcome.emitted());
            if (lateBefore == 0 && state.completion().late() == 1) {
                forward(record, vodId, ChatRecords.firstLate(vodId, message, now));
            }
            long after = state.nextSecondToEmit();
            if (after / PROGRESS_EVERY_SECONDS > before / PROGRESS_EVERY_SECONDS) {
                forward(record, vodId, ChatRecords.progress(vodId, after - 1, now));
            }
        } else {
            if (fresh) {
                states.put(vodId, state); // remember that STARTED was reported
            }
            return; // notices (subscriptions, raids, system) are not chat activity and change nothing
        }
        states.put(vodId, state);
    }

    /**
     * Adds the closed seconds to the VOD's waiting run, sending it each time it is full (so no record holds more than
     * maxRun seconds, however many seconds one message closes), and what is left at once when there is no interval.
     */
    private void queueFeatures(Record<String, ChatMessage> record, String vodId, List<ChatSecondFeatures> emitted) {
        if (emitted.isEmpty()) {
            return;
        }
        ChatFeaturesBatch run = pending.get(vodId);
        if (run == null) {
            run = emptyRun(vodId);
        }
        for (ChatSecondFeatures f : emitted) {
            run.getFeatures().add(ChatRecords.features(vodId, f));
            if (run.getFeatures().size() >= maxRun) {
                context.forward(new Record<>(vodId, (SpecificRecord) run, record.timestamp()), ChatTopology.FEATURES_SINK);
                run = emptyRun(vodId);
            }
        }
        if (run.getFeatures().isEmpty()) {
            pending.delete(vodId);
            withPending.remove(vodId);
            return;
        }
        pending.put(vodId, run);
        withPending.add(vodId);
        if (emitInterval.isZero()) {
            sendPending(vodId, record.timestamp());
        }
    }

    private static ChatFeaturesBatch emptyRun(String vodId) {
        return ChatFeaturesBatch.newBuilder().setVodId(vodId).setFeatures(new ArrayList<>()).build();
    }

    private void sendAllPending(long nowMs) {
        for (String vodId : List.copyOf(withPending)) {
            sendPending(vodId, nowMs);
        }
    }

    private void sendPending(String vodId, long timestamp) {
        ChatFeaturesBatch run = pending.get(vodId);
        if (run != null && !run.getFeatures().isEmpty()) {
            context.forward(new Record<>(vodId, (SpecificRecord) run, timestamp), ChatTopology.FEATURES_SINK);
        }
        pending.delete(vodId);
        withPending.remove(vodId);
    }

    private void forward(Record<String, ChatMessage> record, String vodId, SpecificRecord status) {
        context.forward(record.withKey(vodId).withValue(status), ChatTopology.STATUS_SINK);
    }

    /** Notes that the VOD had input now (to the store at most once a minute: the expiry is counted in days). */
    private void touch(String vodId, long nowMs) {
        Long written = lastInputWritten.get(vodId);
        if (written == null || nowMs - written >= 60_000) {
            lastInput.put(vodId, nowMs);
            lastInputWritten.put(vodId, nowMs);
        }
    }

    /** Deletes the state of VODs (ended or not) without a message for {@code stateIdleExpiry}. */
    private void forgetExpired(long nowMs) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = lastInput.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (nowMs - entry.value > stateIdleExpiry.toMillis()) {
                    expired.add(entry.key);
                }
            }
        }
        for (String vodId : expired) {
            states.delete(vodId);
            pending.delete(vodId);
            withPending.remove(vodId);
            lastInput.delete(vodId);
            lastInputWritten.remove(vodId);
        }
    }
}
