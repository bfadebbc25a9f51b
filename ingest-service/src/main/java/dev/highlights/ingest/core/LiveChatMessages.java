package dev.highlights.ingest.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import dev.highlights.chatimport.ChatMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live chat messages as clients push them (JSON), turned into {@link ChatMessage} records:
 * <pre>{"id": "optional", "offsetSec": 12.5 | "epochMs": 1700000000000, "author": "name" | {"id", "name",
 * "displayName", "color"}, "text": "...", "emotes": [{"id", "name", "begin", "end"}],
 * "badges": [{"name", "version"}] | ["subscriber/12"], "bits": 0, "type": "CHAT", "replyParentId": "..."}</pre>
 * Ids are the client's, or {@link ChatMessages#hashedId} (VOD, offset, author, text), so a repeated push
 * produces identical records. Offsets come from {@code offsetSec}, else from {@code epochMs} minus the VOD's
 * {@code streamStartEpochMs}.
 */
public final class LiveChatMessages {
    public static final String SOURCE = "live";

    private LiveChatMessages() {
    }

    /**
     * Converts one message.
     *
     * @param index position in the batch, for error messages
     * @throws IllegalArgumentException with a reason when the message is not usable
     */
    public static ChatMessage toRecord(String vodId, Long streamStartEpochMs, JsonNode m, int index) {
        if (m == null || !m.isObject()) {
            throw new IllegalArgumentException("message " + index + " is not a JSON object");
        }
        String text = text(m, "text");
        if (text == null) {
            throw new IllegalArgumentException("message " + index + " has no text");
        }
        ChatAuthor author = author(m.get("author"), index);
        Long epochMs = null;
        JsonNode epoch = m.get("epochMs");
        if (epoch != null && !epoch.isNull()) {
            if (!epoch.canConvertToLong() || !epoch.isIntegralNumber()) {
                throw new IllegalArgumentException("message " + index + ": epochMs must be an integer (epoch milliseconds)");
            }
            epochMs = epoch.asLong();
        }
        double offset;
        JsonNode off = m.get("offsetSec");
        if (off != null && !off.isNull()) {
            if (!off.isNumber() || !Double.isFinite(off.asDouble())) {
                throw new IllegalArgumentException("message " + index + ": offsetSec must be a number of seconds");
            }
            offset = off.asDouble();
        } else if (epochMs != null) {
            if (streamStartEpochMs == null) {
                throw new IllegalArgumentException("message " + index + " gives epochMs but the VOD has no "
                        + "streamStartEpochMs to map it to an offset; send offsetSec or register streamStartEpochMs");
            }
            offset = (epochMs - streamStartEpochMs) / 1000.0;
        } else {
            throw new IllegalArgumentException("message " + index + " needs offsetSec or epochMs");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("message " + index + " is at " + offset
                    + " s, before the start of the stream");
        }
        int bits = 0;
        JsonNode b = m.get("bits");
        if (b != null && !b.isNull()) {
            if (!b.isIntegralNumber() || b.asInt() < 0) {
                throw new IllegalArgumentException("message " + index + ": bits must be a whole number >= 0");
            }
            bits = b.asInt();
        }
        ChatMessageType type = bits > 0 ? ChatMessageType.CHEER : ChatMessageType.CHAT;
        String typeName = text(m, "type");
        if (typeName != null) {
            try {
                type = ChatMessageType.valueOf(typeName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (type == null || type == ChatMessageType.END_OF_CHAT) {
                throw new IllegalArgumentException("message " + index + ": type '" + typeName
                        + "' is not one of CHAT, ACTION, CHEER, SUBSCRIPTION, RAID, SYSTEM (end a stream with POST .../end)");
            }
        }
        String id = text(m, "id");
        if (id == null) {
            id = ChatMessages.hashedId(vodId, offset, author.getName(), text);
        }
        return new ChatMessage(id, vodId, offset, epochMs, author, text, emotes(m.get("emotes"), index),
                badges(m.get("badges"), index), bits, text(m, "replyParentId"), type, SOURCE);
    }

    private static ChatAuthor author(JsonNode a, int index) {
        if (a == null || a.isNull()) {
            throw new IllegalArgumentException("message " + index + " has no author");
        }
        if (a.isTextual()) {
            String name = a.asText().trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("message " + index + " has an empty author");
            }
            return new ChatAuthor(null, name.toLowerCase(Locale.ROOT), name, null);
        }
        if (a.isObject()) {
            String name = text(a, "name");
            if (name == null) {
                name = text(a, "login");
            }
            String display = text(a, "displayName");
            if (name == null) {
                name = display;
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("message " + index + ": author needs a name");
            }
            return new ChatAuthor(text(a, "id"), name.trim().toLowerCase(Locale.ROOT), display, text(a, "color"));
        }
        throw new IllegalArgumentException("message " + index + ": author must be a name or an object with a name");
    }

    private static List<Emote> emotes(JsonNode list, int index) {
        List<Emote> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("message " + index + ": emotes must be an array");
        }
        for (JsonNode e : list) {
            String name = text(e, "name");
            JsonNode begin = e.get("begin");
            JsonNode end = e.get("end");
            if (name == null || begin == null || end == null || !begin.isIntegralNumber() || !end.isIntegralNumber()
                    || begin.asInt() < 0 || end.asInt() < begin.asInt()) {
                throw new IllegalArgumentException("message " + index
                        + ": each emote needs name, begin and end (character positions, begin <= end)");
            }
            out.add(new Emote(text(e, "id"), name, begin.asInt(), end.asInt()));
        }
        return out;
    }

    private static List<Badge> badges(JsonNode list, int index) {
        List<Badge> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("message " + index + ": badges must be an array");
        }
        for (JsonNode b : list) {
            if (b.isTextual()) {
                String s = b.asText();
                int slash = s.indexOf('/');
                out.add(slash < 0 ? new Badge(s, "1") : new Badge(s.substring(0, slash), s.substring(slash + 1)));
            } else if (b.isObject() && text(b, "name") != null) {
                String version = text(b, "version");
                out.add(new Badge(text(b, "name"), version == null ? "1" : version));
            } else {
                throw new IllegalArgumentException("message " + index + ": each badge is \"name/version\" or {\"name\", \"version\"}");
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
