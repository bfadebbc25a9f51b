package dev.highlights.chatimport;

import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Deterministic message ids and the END_OF_CHAT marker.
 *
 * <h2>Message ids</h2>
 * A message keeps the id its source gave it (TwitchDownloader {@code _id}, chat-downloader {@code message_id}, the
 * IRC {@code id} tag). Without one, the id is {@link #hashedId(String, double, String, String)}: the first 128 bits
 * of SHA-256, as 32 lower-case hex digits, over the VOD id, the offset in whole milliseconds (rounded), the author
 * login and the text, each written as a 4-byte big-endian length followed by its UTF-8 bytes (so no field can run
 * into the next). Importing the same file again therefore yields the same ids and consumers can deduplicate; two
 * id-less messages with the same author and text in the same millisecond collapse into one, which is what a
 * replayed duplicate looks like anyway.
 */
public final class ChatMessages {

    /** Prefix of END_OF_CHAT marker ids: {@code end-of-chat:<vodId>:<count>:<lastOffsetMs>}. */
    public static final String END_OF_CHAT_ID_PREFIX = "end-of-chat:";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ChatMessages() {
    }

    /**
     * The marker that follows the last message of a VOD: type END_OF_CHAT, {@code offsetSec} the last media second
     * of chat ({@code lastOffsetSec}, 0 when there were no messages or it is not finite), an empty author and
     * {@code text} the number of messages imported as decimal digits. Its id, {@link #endOfChatId}, depends only on
     * the arguments, so a replayed import sends an identical marker.
     */
    public static ChatMessage endOfChat(String vodId, double lastOffsetSec, long count) {
        return endOfChat(vodId, lastOffsetSec, count, null);
    }

    /** {@link #endOfChat(String, double, long)} with a {@code source} (the format's source name, or "live"). */
    public static ChatMessage endOfChat(String vodId, double lastOffsetSec, long count, String source) {
        double offset = Double.isFinite(lastOffsetSec) && lastOffsetSec > 0 ? lastOffsetSec : 0.0;
        return new ChatMessage(endOfChatId(vodId, offset, count), vodId, offset, null,
                new ChatAuthor(null, "", null, null), Long.toString(count), new ArrayList<>(0), new ArrayList<>(0), 0,
                null, ChatMessageType.END_OF_CHAT, source);
    }

    /** {@code end-of-chat:<vodId>:<count>:<lastOffsetMs>}, the offset rounded to whole milliseconds. */
    public static String endOfChatId(String vodId, double lastOffsetSec, long count) {
        return END_OF_CHAT_ID_PREFIX + vodId + ':' + count + ':' + Math.round(lastOffsetSec * 1000.0);
    }

    /** The id of a message whose source has none; see the class comment. */
    public static String hashedId(String vodId, double offsetSec, String authorName, String text) {
        MessageDigest md = SHA256.get();
        md.reset();
        update(md, vodId);
        update(md, Long.toString(Math.round(offsetSec * 1000.0)));
        update(md, authorName == null ? "" : authorName);
        update(md, text == null ? "" : text);
        byte[] digest = md.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        md.update((byte) (n >>> 24));
        md.update((byte) (n >>> 16));
        md.update((byte) (n >>> 8));
        md.update((byte) n);
        md.update(b);
    }

    /**
     * The message type for a Twitch USERNOTICE {@code msg-id} (also TwitchDownloader's
     * {@code user_notice_params.msg-id}): subscriptions, gifts, upgrades and pay-forwards are SUBSCRIPTION, raids
     * RAID, anything else (announcement, ritual, bitsbadgetier, unraid ...) SYSTEM.
     */
    public static ChatMessageType typeOfNotice(String msgId) {
        String id = msgId.toLowerCase(Locale.ROOT);
        switch (id) {
            case "sub":
            case "resub":
            case "subgift":
            case "anonsubgift":
            case "submysterygift":
            case "anonsubmysterygift":
            case "extendsub":
            case "primepaidupgrade":
            case "giftpaidupgrade":
            case "anongiftpaidupgrade":
            case "standardpayforward":
            case "communitypayforward":
            case "primecommunitygiftreceived":
                return ChatMessageType.SUBSCRIPTION;
            case "raid":
                return ChatMessageType.RAID;
            default:
                return ChatMessageType.SYSTEM;
        }
    }
}
