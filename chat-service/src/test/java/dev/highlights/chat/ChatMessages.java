package dev.highlights.chat;

import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test chat: a steady background with bursts at known seconds. */
final class ChatMessages {
    private ChatMessages() {
    }

    static ChatMessage message(String vodId, String id, double offset, String author, String text) {
        return ChatMessage.newBuilder().setMessageId(id).setVodId(vodId).setOffsetSec(offset)
                .setAuthor(ChatAuthor.newBuilder().setName(author).build()).setText(text)
                // Enum fields set explicitly: Avro's defaults would come from its own class loader in Quarkus tests.
                .setType(ChatMessageType.CHAT).build();
    }

    static ChatMessage end(String vodId, double offset) {
        return ChatMessage.newBuilder().setMessageId(vodId + "/end").setVodId(vodId).setOffsetSec(offset)
                .setAuthor(ChatAuthor.newBuilder().setName("").build()).setText("")
                .setType(ChatMessageType.END_OF_CHAT).build();
    }

    /**
     * About {@code perSecond} messages per second from {@code from} to {@code to}, and 40 per second
     * inside [burstFrom, burstTo). Deterministic for a seed.
     */
    static List<ChatMessage> chat(String vodId, int from, int to, int perSecond, int burstFrom, int burstTo, long seed) {
        Random random = new Random(seed);
        List<ChatMessage> out = new ArrayList<>();
        int n = 0;
        for (int s = from; s < to; s++) {
            int count = s >= burstFrom && s < burstTo ? 40 : random.nextInt(perSecond * 2 + 1);
            for (int i = 0; i < count; i++) {
                String text = s >= burstFrom && s < burstTo ? "KEKW KEKW no way" : "msg " + random.nextInt(1000);
                out.add(message(vodId, vodId + "-" + n++, s + random.nextDouble() * 0.999, "user" + random.nextInt(300), text));
            }
        }
        return out;
    }
}
