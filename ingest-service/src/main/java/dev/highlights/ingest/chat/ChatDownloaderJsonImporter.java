package dev.highlights.ingest.chat;

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
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
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
                    if (t == JsonToken.START_OBJECT) {
                        readAuthor(p, c);
                    } else {
                        JsonValues.skip(p);
                    }
                    break;
                case "emotes":
                    if (t == JsonToken.START_ARRAY) {
                        readEmotes(p, c);
                    } else {
                        JsonValues.skip(p);
                    }
                    break;
                case "bits":
                    c.bits = JsonValues.intValue(p, t);
                    break;
                case "in_reply_to_message_id":
                    c.replyParentId = JsonValues.text(p, t);
                    break;
                case "in_reply_to":
                    if (t == JsonToken.START_OBJECT) {
                        for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                            JsonToken v = p.nextToken();
                            if (("message_id".equals(g) || "id".equals(g)) && c.replyParentId == null) {
                                c.replyParentId = JsonValues.text(p, v);
                            } else {
                                JsonValues.skip(p);
                            }
                        }
                    } else {
                        JsonValues.skip(p);
                    }
                    break;
                case "is_action":
                    c.isAction = JsonValues.bool(p, t);
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
        return emit(c);
    }

    private static void readAuthor(JsonParser p, Scratch c) throws IOException {
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
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
                    if (t == JsonToken.START_ARRAY) {
                        readBadges(p, c);
                    } else {
                        JsonValues.skip(p);
                    }
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
    }

    private static void readBadges(JsonParser p, Scratch c) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                JsonValues.skip(p);
                continue;
            }
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
            if (!ImportContext.isBlank(n)) {
                c.badges.add(new Badge(n, ImportContext.isBlank(version) ? "1" : version));
            }
        }
    }

    private static void readEmotes(JsonParser p, Scratch c) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                JsonValues.skip(p);
                continue;
            }
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
                            for (JsonToken w = p.nextToken(); w != JsonToken.END_ARRAY && w != null;
                                 w = p.nextToken()) {
                                String loc = JsonValues.text(p, w);
                                if (loc != null) {
                                    locations.add(loc);
                                }
                            }
                        } else {
                            String loc = JsonValues.text(p, v);
                            if (loc != null) {
                                locations.add(loc);
                            }
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
    }

    private String emit(Scratch c) {
        ChatImportOptions o = ctx.options;
        Long epochMs = c.timestampMicros == null ? null : Math.floorDiv(c.timestampMicros, 1000L);
        double offset = c.offset;
        if (Double.isNaN(offset)) {
            if (epochMs != null && o.streamStartEpochMs() != null) {
                offset = (epochMs - o.streamStartEpochMs()) / 1000.0;
            } else {
                return "has no time_in_seconds";
            }
        }
        if (!Double.isFinite(offset) || offset < 0) {
            return "has an offset before the VOD start or not finite: " + offset;
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
            if (type == ChatMessageType.CHAT || type == ChatMessageType.ACTION || type == ChatMessageType.CHEER) {
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
            return bits > 0 ? ChatMessageType.CHEER : action ? ChatMessageType.ACTION : ChatMessageType.CHAT;
        }
        String t = messageType.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "text_message":
            case "highlighted_message":
            case "send_message_in_subscriber_only_mode":
                return bits > 0 ? ChatMessageType.CHEER : action ? ChatMessageType.ACTION : ChatMessageType.CHAT;
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
