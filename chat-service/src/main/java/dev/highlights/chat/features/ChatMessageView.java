package dev.highlights.chat.features;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The part of one chat message that the feature logic needs, free of Avro and Kafka.
 *
 * @param messageId  deterministic message id; replays carry the same id and are deduplicated on it
 * @param offsetSec  media seconds from the VOD start (negative offsets count as second 0)
 * @param authorId   platform user id, may be null
 * @param authorName login name; lower-cased it is the identity for unique chatters (the schema says so)
 * @param text       message text, null treated as empty
 * @param emotes     platform emotes found in the text (names with positions), null treated as none
 * @param bits       cheered bits, 0 when none
 */
public record ChatMessageView(String messageId, double offsetSec, String authorId, String authorName,
                              String text, List<EmoteRef> emotes, int bits) {

    /** One platform emote inside the text; positions are inclusive UTF-16 indices as Twitch IRC tags give them. */
    public record EmoteRef(String name, int begin, int end) {
        public EmoteRef {
            Objects.requireNonNull(name, "name");
        }
    }

    public ChatMessageView {
        Objects.requireNonNull(messageId, "messageId");
        text = text == null ? "" : text;
        emotes = emotes == null ? List.of() : List.copyOf(emotes);
    }

    /** Convenience for messages without platform emote data or bits. */
    public static ChatMessageView of(String messageId, double offsetSec, String authorName, String text) {
        return new ChatMessageView(messageId, offsetSec, null, authorName, text, List.of(), 0);
    }

    /** Identity used for unique-chatter counts: the lower-cased login name, else the user id, else "". */
    public String chatterKey() {
        if (authorName != null && !authorName.isBlank()) {
            return authorName.trim().toLowerCase(Locale.ROOT);
        }
        return authorId == null ? "" : authorId;
    }
}
