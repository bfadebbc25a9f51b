package dev.highlights.chat;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.chat.features.ChatCompletion;
import dev.highlights.chat.features.ChatMessageView;
import dev.highlights.chat.features.ChatSecondFeatures;
import java.util.ArrayList;
import java.util.List;

/** Maps between the Avro contracts and the chat-feature logic. */
/** Maps between the Avro contracts and the feature engine; public so replay tools feed the engine as the service does. */
public final class ChatRecords {
    private ChatRecords() {
    }

    /** Messages that are chat activity; subscriptions, raids and system notices are not viewers reacting. */
    public static boolean isChatActivity(ChatMessage message) {
        ChatMessageType type = message.getType();
        return type == ChatMessageType.CHAT || type == ChatMessageType.ACTION || type == ChatMessageType.CHEER;
    }

    public static ChatMessageView view(ChatMessage message) {
        List<ChatMessageView.EmoteRef> emotes = new ArrayList<>(message.getEmotes().size());
        for (Emote emote : message.getEmotes()) {
            emotes.add(new ChatMessageView.EmoteRef(emote.getName(), emote.getBegin(), emote.getEnd()));
        }
        return new ChatMessageView(message.getMessageId(), message.getOffsetSec(), message.getAuthor().getId(),
                message.getAuthor().getName(), message.getText(), emotes, message.getBits());
    }

    public static ChatFeatures features(String vodId, ChatSecondFeatures f) {
        return ChatFeatures.newBuilder()
                .setVodId(vodId)
                .setSecond(f.second())
                .setRevision(f.revision())
                .setMessageCount(f.messageCount())
                .setUniqueChatters(f.uniqueChatters())
                .setEmoteCount(f.emoteCount())
                .setEmoteShare((float) f.emoteShare())
                .setRepeatShare((float) f.repeatShare())
                .setLaughter((float) f.laughter())
                .setReactionShare((float) f.reactionShare())
                .setNewcomerShare((float) f.newcomerShare())
                .setHype((float) f.hype())
                .setNegative((float) f.negative())
                .setBaselineMedian((float) f.activity().baselineMedian())
                .setBaselineDeviation((float) f.activity().baselineDeviation())
                .setActivityDeviations((float) f.activity().deviations())
                .setLevel(ChatLevel.valueOf(f.activity().level().name()))
                .setLevelPoints(f.activity().levelPoints())
                .setScore((float) f.activity().score())
                .setWarmUp(f.activity().warmUp())
                .build();
    }

    static PipelineStatus started(String vodId, long nowMs) {
        return status(vodId, "chat/started", StatusKind.STARTED, nowMs).setMessage("chat features started").build();
    }

    static PipelineStatus progress(String vodId, long lastSecond, long nowMs) {
        return status(vodId, "chat/progress/" + lastSecond, StatusKind.PROGRESS, nowMs).setLastSecond(lastSecond)
                .setMessage("chat features up to second " + lastSecond).build();
    }

    static PipelineStatus completed(String vodId, ChatCompletion c, long nowMs) {
        return status(vodId, "chat/completed", StatusKind.COMPLETED, nowMs)
                .setLastSecond(c.lastSecond())
                .setCount(c.messages())
                .setMessage(String.format("chat complete: %d messages over %d seconds; %d late, %d duplicate, %d invalid",
                        c.messages(), c.secondsEmitted(), c.late(), c.duplicates(), c.invalid()))
                .build();
    }

    /** Reported once per VOD, at the first message that came too late to count. */
    static PipelineStatus firstLate(String vodId, ChatMessage message, long nowMs) {
        return status(vodId, "chat/late", StatusKind.WARNING, nowMs)
                .setErrorCode("CHAT_MESSAGE_LATE")
                .setMessage(String.format("message %s at %.3f s arrived after the allowed lateness and was not counted; "
                        + "the completion event gives the total", message.getMessageId(), message.getOffsetSec()))
                .build();
    }

    private static PipelineStatus.Builder status(String vodId, String eventId, StatusKind kind, long nowMs) {
        return PipelineStatus.newBuilder().setVodId(vodId).setEventId(eventId).setStage(Stage.CHAT).setKind(kind)
                .setTimestampMs(nowMs);
    }
}
