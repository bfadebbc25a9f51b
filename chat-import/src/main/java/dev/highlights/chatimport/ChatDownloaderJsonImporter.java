package dev.highlights.chatimport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * chat-downloader JSON: a top-level array of message objects.
 *
 * <p>Per message: {@code message_id} (optional: hashed id otherwise), {@code message} (text), {@code
 * time_in_seconds} (required; else derived from {@code timestamp} and the stream start when both are known;
 * negative offsets, such as YouTube's pre-stream waiting room, are malformed), {@code timestamp} (epoch
 * <em>micro</em>seconds), {@code message_type}, {@code author{id, name, display_name, colour | color,
 * badges[{name | icon_name | title, version}]}}, {@code emotes[{id, name, locations}]} with locations either a list
 * of {@code "begin-end"} strings or one comma-separated string (inclusive code point indices, converted to UTF-16;
 * an emote without locations is placed at every occurrence of its name), {@code bits}, {@code
 * in_reply_to_message_id} or {@code in_reply_to{message_id | id}}, {@code is_action}. Unknown fields are skipped.
 *
 * <p>Types: text_message is CHAT (CHEER with bits, ACTION when is_action); subscriptions, resubscriptions, gifts,
 * upgrades, pay-forwards and YouTube memberships are SUBSCRIPTION; raid is RAID; YouTube paid messages and stickers
 * are CHEER (bits 0: money is not converted); every other type is SYSTEM.
 */
final class ChatDownloaderJsonImporter extends JsonEntryImporter {

    private final Scratch s = new Scratch();

    ChatDownloaderJsonImporter(ImportContext ctx, InputStream in) {
        super(ctx, in);
    }

    @Override
    boolean enterArray() throws IOException {
        return framer.enterTopLevelArray();
    }

    @Override
    String entryName() {
        return "message";
    }

    private static final class Scratch {
        String id;
        String text;
        double offset;
        Long timestampMicros;
        String messageType;
        String authorId;
        String authorName;
        String authorDisplayName;
        String color;
        final List<Badge> badges = new ArrayList<>();
        final List<String> emoteIds = new ArrayList<>();
        final List<String> emoteNames = new ArrayList<>();
        final List<List<String>> emoteLocations = new ArrayList<>();
        int bits;
        String replyParentId;
        boolean isAction;

        void reset() {
            id = null;
            text = null;
            offset = Double.NaN;
            timestampMicros = null;
            messageType = null;
            authorId = null;
            authorName = null;
            authorDisplayName = null;
            color = null;
            badges.clear();
            emoteIds.clear();
            emoteNames.clear();
            emoteLocations.clear();
            bits = 0;
            replyParentId = null;
            isAction = false;
        }
    }

    @Override
    String readEntry(JsonParser p) throws IOException {
        Scratch c = s;
        c.reset();
        JsonValues.fields(p, c, ChatDownloaderJsonImporter::messageField);
        return emit(c);
    }

    private static void messageField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        switch (f) {
            case "message_id":
                c.id = JsonValues.text(p, t);
                break;
            case "message":
                c.text = JsonValues.text(p, t);
                break;
            case "time_in_seconds":
                c.offset = JsonValues.number(p, t);
                break;
            case "timestamp":
                c.timestampMicros = JsonValues.longValue(p, t);
                break;
            case "message_type":
                c.messageType = JsonValues.text(p, t);
                break;
            case "author":
                JsonValues.object(p, t, c, ChatDownloaderJsonImporter::authorField);
                break;
            case "emotes":
                JsonValues.objects(p, t, c, ChatDownloaderJsonImporter::readEmote);
                break;
            case "bits":
                c.bits = JsonValues.intValue(p, t);
                break;
            case "in_reply_to_message_id":
                c.replyParentId = JsonValues.text(p, t);
                break;
            case "in_reply_to":
                JsonValues.object(p, t, c, ChatDownloaderJsonImporter::inReplyToField);
                break;
            case "is_action":
                c.isAction = JsonValues.bool(p, t);
                break;
            default:
                JsonValues.skip(p);
        }
    }

    private static void inReplyToField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        if (("message_id".equals(f) || "id".equals(f)) && c.replyParentId == null) {
            c.replyParentId = JsonValues.text(p, t);
        } else {
            JsonValues.skip(p);
        }
    }

    private static void authorField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        switch (f) {
            case "id":
                c.authorId = JsonValues.text(p, t);
                break;
            case "name":
                c.authorName = JsonValues.text(p, t);
                break;
            case "display_name":
                c.authorDisplayName = JsonValues.text(p, t);
                break;
            case "colour":
            case "color":
                c.color = JsonValues.text(p, t);
                break;
            case "badges":
                JsonValues.objects(p, t, c, ChatDownloaderJsonImporter::readBadge);
                break;
            default:
                JsonValues.skip(p);
        }
    }

    private static void readBadge(JsonParser p, Scratch c) throws IOException {
        String name = null;
        String iconName = null;
        String title = null;
        String version = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "name":
                    name = JsonValues.text(p, v);
                    break;
                case "icon_name":
                    iconName = JsonValues.text(p, v);
                    break;
                case "title":
                    title = JsonValues.text(p, v);
                    break;
                case "version":
                    version = JsonValues.text(p, v);
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
        String n = !ImportContext.isBlank(name) ? name : !ImportContext.isBlank(iconName) ? iconName : title;
        ImportContext.addBadge(c.badges, n, version);
    }

    private static void readEmote(JsonParser p, Scratch c) throws IOException {
        String id = null;
        String name = null;
        List<String> locations = new ArrayList<>(2);
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "id":
                    id = JsonValues.text(p, v);
                    break;
                case "name":
                    name = JsonValues.text(p, v);
                    break;
                case "locations":
                    if (v == JsonToken.START_ARRAY) {
                        for (JsonToken w = p.nextToken(); w != JsonToken.END_ARRAY && w != null; w = p.nextToken()) {
                            addLocation(locations, JsonValues.text(p, w));
                        }
                    } else {
                        addLocation(locations, JsonValues.text(p, v));
                    }
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
        c.emoteIds.add(id);
        c.emoteNames.add(name);
        c.emoteLocations.add(locations);
    }

    private static void addLocation(List<String> locations, String loc) {
        if (loc != null) {
            locations.add(loc);
        }
    }

    private String emit(Scratch c) {
        Long epochMs = c.timestampMicros == null ? null : Math.floorDiv(c.timestampMicros, 1000L);
        double offset = offsetSec(c.offset, epochMs);
        String bad = offsetProblem(offset, "time_in_seconds");
        if (bad != null) {
            return bad;
        }
        if (c.text == null) {
            return "has no message text";
        }
        String text = c.text;
        boolean action = c.isAction;
        if (text.startsWith(IrcTags.ACTION_PREFIX)) {
            text = IrcTags.stripAction(text);
            action = true;
        }
        ChatMessageType type = typeOf(c.messageType, c.bits, action);
        String author = ImportContext.authorNameOf(c.authorName, c.authorDisplayName, c.authorId);
        if (author == null) {
            if (ImportContext.needsAuthor(type)) {
                return "has no author";
            }
            author = "";
        }
        ctx.emit(c.id, offset, epochMs, c.authorId, author, c.authorDisplayName, c.color, text, emotes(text, c),
                c.badges.isEmpty() ? null : new ArrayList<>(c.badges), c.bits, c.replyParentId, type);
        return null;
    }

    static ChatMessageType typeOf(String messageType, int bits, boolean action) {
        if (ImportContext.isBlank(messageType)) {
            return ImportContext.userMessageType(bits, action);
        }
        String t = messageType.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "text_message":
            case "highlighted_message":
            case "send_message_in_subscriber_only_mode":
                return ImportContext.userMessageType(bits, action);
            case "raid":
                return ChatMessageType.RAID;
            case "paid_message":
            case "paid_sticker":
                return ChatMessageType.CHEER;
            default:
                if (t.contains("subscription") || t.endsWith("_upgrade") || t.endsWith("pay_forward")
                        || t.equals("reward_gift") || t.equals("membership_item")
                        || t.contains("membership_gift") || t.equals("prime_community_gift_received")) {
                    return ChatMessageType.SUBSCRIPTION;
                }
                return ChatMessageType.SYSTEM;
        }
    }

    private static List<Emote> emotes(String text, Scratch c) {
        int n = c.emoteIds.size();
        if (n == 0) {
            return new ArrayList<>(0);
        }
        boolean surrogates = TextPositions.hasSurrogates(text);
        List<Emote> emotes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = ImportContext.blankToNull(c.emoteIds.get(i));
            String name = ImportContext.blankToNull(c.emoteNames.get(i));
            List<String> locations = c.emoteLocations.get(i);
            if (locations.isEmpty()) {
                if (name != null) {
                    for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length())) {
                        emotes.add(new Emote(id, name, at, at + name.length() - 1));
                    }
                }
                continue;
            }
            for (String loc : locations) {
                int from = 0;
                while (from < loc.length()) {
                    int comma = loc.indexOf(',', from);
                    int to = comma < 0 ? loc.length() : comma;
                    Emote e = TextPositions.fromRangeText(text, id, null, loc, from, to, surrogates);
                    if (e != null) {
                        emotes.add(e);
                    }
                    from = to + 1;
                }
            }
        }
        TextPositions.sort(emotes);
        return emotes;
    }
}
