package dev.highlights.chat;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatSecondFeatures;
import dev.highlights.chat.features.EndOutcome;
import dev.highlights.chat.features.MessageOutcome;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.schemas.streams.CommitCachedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
final class ChatFeaturesProcessor implements Processor<String, ChatMessage, String, SpecificRecord> {
    /** Emit a PROGRESS status each time a VOD's emitted seconds pass a multiple of this. */
    static final long PROGRESS_EVERY_SECONDS = 60;

    private final ChatFeatureEngine engine;
    private final Duration endedRetention;
    private ProcessorContext<String, SpecificRecord> context;
    /**
     * Live per-VOD states, encoded into the changelogged store only when the task commits (encoding and logging a
     * VOD's state for every message would dominate the cost).
     */
    private CommitCachedStore<VodChatState> states;
    private KeyValueStore<String, Long> ended;

    ChatFeaturesProcessor(ChatFeatureEngine engine, Duration endedRetention) {
        this.engine = engine;
        this.endedRetention = endedRetention;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(ChatTopology.STATE_STORE);
        this.ended = context.getStateStore(ChatTopology.ENDED_STORE);
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
        VodChatState state = states.get(vodId);
        boolean fresh = state == null;
        if (fresh) {
            state = engine.newVodState();
            forward(record, vodId, ChatRecords.started(vodId, now));
        }
        long before = state.nextSecondToEmit();
        if (message.getType() == ChatMessageType.END_OF_CHAT) {
            EndOutcome outcome = engine.onEnd(state, message.getOffsetSec());
            forwardFeatures(record, vodId, outcome.emitted());
            forward(record, vodId, ChatRecords.completed(vodId, outcome.completion(), now));
            ended.putIfAbsent(vodId, now);
        } else if (ChatRecords.isChatActivity(message)) {
            long lateBefore = state.completion().late();
            MessageOutcome outcome = engine.onMessage(state, ChatRecords.view(message));
            forwardFeatures(record, vodId, outcome.emitted());
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

    private void forwardFeatures(Record<String, ChatMessage> record, String vodId, List<ChatSecondFeatures> emitted) {
        for (ChatSecondFeatures f : emitted) {
            context.forward(record.withKey(vodId).withValue((SpecificRecord) ChatRecords.features(vodId, f)),
                    ChatTopology.FEATURES_SINK);
        }
    }

    private void forward(Record<String, ChatMessage> record, String vodId, SpecificRecord status) {
        context.forward(record.withKey(vodId).withValue(status), ChatTopology.STATUS_SINK);
    }

    private void forgetExpired(long nowMs) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = ended.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (nowMs - entry.value > endedRetention.toMillis()) {
                    expired.add(entry.key);
                }
            }
        }
        for (String vodId : expired) {
            states.delete(vodId);
            ended.delete(vodId);
        }
    }
}
