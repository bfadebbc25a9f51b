package dev.highlights.chatimport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * TwitchDownloader chat JSON ({@code {"streamer":..,"video":..,"comments":[..],"embeddedData":..}}). Only the
 * top-level {@code comments} array is read; everything else, however large ({@code embeddedData} holds images), is
 * stepped over byte by byte without being kept, and nothing after the array is read at all.
 *
 * <p>Per comment: {@code _id} (string or number, optional: hashed id otherwise), {@code content_offset_seconds}
 * (required; a number or numeric string; else derived from {@code created_at} and the stream start when both are
 * known), {@code created_at} (epoch time), {@code commenter{_id, name, display_name}} (name falls back to the display
 * name, then the id), {@code message{body, bits_spent, is_action, fragments[{text, emoticon{emoticon_id}}],
 * user_badges[{_id, version}], user_color, user_notice_params{msg-id | msg_id}, emoticons[{_id, begin, end}]}}.
 * Unknown fields anywhere are skipped. {@code body} missing: the fragments' texts joined.
 *
 * <p>Emote positions: from the fragments when they carry emoticons (exact: the body is the fragments' texts
 * joined, so an emote fragment's UTF-16 offset in it is its position); else from {@code emoticons}, whose
 * {@code begin} is a code point index (converted) and whose {@code end} is not reliable (TwitchDownloader writes
 * {@code begin + length + 1}), so the emote ends where its whitespace-delimited word ends, and no later than the
 * given {@code end}.
 */
final class TwitchDownloaderJsonImporter extends JsonEntryImporter {

    private final Scratch s = new Scratch();

    TwitchDownloaderJsonImporter(ImportContext ctx, InputStream in) {
        super(ctx, in);
    }

    @Override
    boolean enterArray() throws IOException {
        return framer.enterField("comments");
    }

    @Override
    String entryName() {
        return "comment";
    }

    /** Per-comment fields, reused. */
    private static final class Scratch {
        String id;
        String createdAt;
        double offset;
        String commenterId;
        String commenterName;
        String commenterDisplayName;
        boolean hasMessage;
        String body;
        int bits;
        boolean isAction;
        String color;
        String noticeId;
        final List<Badge> badges = new ArrayList<>();
        final List<String> fragmentTexts = new ArrayList<>();
        final List<String> fragmentEmoteIds = new ArrayList<>();
        boolean fragmentEmotes;
        final List<String> emoticonIds = new ArrayList<>();
        final List<int[]> emoticonRanges = new ArrayList<>();

        void reset() {
            id = null;
            createdAt = null;
            offset = Double.NaN;
            commenterId = null;
            commenterName = null;
            commenterDisplayName = null;
            hasMessage = false;
            body = null;
            bits = 0;
            isAction = false;
            color = null;
            noticeId = null;
            badges.clear();
            fragmentTexts.clear();
            fragmentEmoteIds.clear();
            fragmentEmotes = false;
            emoticonIds.clear();
            emoticonRanges.clear();
        }
    }

    @Override
    String readEntry(JsonParser p) throws IOException {
        Scratch c = s;
        c.reset();
        JsonValues.fields(p, c, TwitchDownloaderJsonImporter::commentField);
        return emit(c);
    }

    private static void commentField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        switch (f) {
            case "_id":
                c.id = JsonValues.text(p, t);
                break;
            case "created_at":
                c.createdAt = JsonValues.text(p, t);
                break;
            case "content_offset_seconds":
                c.offset = JsonValues.number(p, t);
                break;
            case "commenter":
                JsonValues.object(p, t, c, TwitchDownloaderJsonImporter::commenterField);
                break;
            case "message":
                if (JsonValues.object(p, t, c, TwitchDownloaderJsonImporter::messageField)) {
                    c.hasMessage = true;
                }
                break;
            default:
                JsonValues.skip(p);
        }
    }

    private static void commenterField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        switch (f) {
            case "_id":
                c.commenterId = JsonValues.text(p, t);
                break;
            case "name":
                c.commenterName = JsonValues.text(p, t);
                break;
            case "display_name":
                c.commenterDisplayName = JsonValues.text(p, t);
                break;
            default:
                JsonValues.skip(p);
        }
    }

    private static void messageField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        switch (f) {
            case "body":
                c.body = JsonValues.text(p, t);
                break;
            case "bits_spent":
                c.bits = JsonValues.intValue(p, t);
                break;
            case "is_action":
                c.isAction = JsonValues.bool(p, t);
                break;
            case "user_color":
                c.color = JsonValues.text(p, t);
                break;
            case "fragments":
                JsonValues.objects(p, t, c, TwitchDownloaderJsonImporter::readFragment);
                break;
            case "user_badges":
                JsonValues.objects(p, t, c, TwitchDownloaderJsonImporter::readBadge);
                break;
            case "user_notice_params":
                JsonValues.object(p, t, c, TwitchDownloaderJsonImporter::noticeParamsField);
                break;
            case "emoticons":
                JsonValues.objects(p, t, c, TwitchDownloaderJsonImporter::readEmoticon);
                break;
            default:
                JsonValues.skip(p);
        }
    }

    private static void readFragment(JsonParser p, Scratch c) throws IOException {
        String text = null;
        String emoteId = null;
        boolean emote = false;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            if ("text".equals(f)) {
                text = JsonValues.text(p, v);
            } else if ("emoticon".equals(f) && v == JsonToken.START_OBJECT) {
                emote = true;
                for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                    JsonToken w = p.nextToken();
                    if ("emoticon_id".equals(g) || "_id".equals(g) || "id".equals(g)) {
                        emoteId = JsonValues.text(p, w);
                    } else {
                        JsonValues.skip(p);
                    }
                }
            } else {
                JsonValues.skip(p);
            }
        }
        if (text == null) {
            return; // TwitchDownloader itself drops text-less fragments
        }
        c.fragmentTexts.add(text);
        c.fragmentEmoteIds.add(emote ? (emoteId != null ? emoteId : "") : null);
        c.fragmentEmotes |= emote;
    }

    private static void readBadge(JsonParser p, Scratch c) throws IOException {
        String name = null;
        String version = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "_id":
                case "set_id":
                case "setID":
                    name = JsonValues.text(p, v);
                    break;
                case "version":
                    version = JsonValues.text(p, v);
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
        ImportContext.addBadge(c.badges, name, version);
    }

    private static void noticeParamsField(JsonParser p, String f, JsonToken t, Scratch c) throws IOException {
        if ("msg-id".equals(f) || "msg_id".equals(f)) {
            c.noticeId = JsonValues.text(p, t);
        } else {
            JsonValues.skip(p);
        }
    }

    private static void readEmoticon(JsonParser p, Scratch c) throws IOException {
        String id = null;
        Long begin = null;
        Long end = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            switch (f) {
                case "_id":
                case "id":
                    id = JsonValues.text(p, v);
                    break;
                case "begin":
                    begin = JsonValues.longValue(p, v);
                    break;
                case "end":
                    end = JsonValues.longValue(p, v);
                    break;
                default:
                    JsonValues.skip(p);
            }
        }
        if (begin != null && begin >= 0 && begin < Integer.MAX_VALUE) {
            int e = end == null || end < begin || end >= Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : end.intValue();
            c.emoticonIds.add(id);
            c.emoticonRanges.add(new int[] {begin.intValue(), e});
        }
    }

    private String emit(Scratch c) {
        ChatImportOptions o = ctx.options;
        Long epochMs = IsoTimes.parseEpochMs(c.createdAt, ZoneOffset.UTC);
        double offset = offsetSec(c.offset, epochMs);
        String bad = offsetProblem(offset, "content_offset_seconds");
        if (bad != null) {
            return bad;
        }
        if (epochMs == null && o.streamStartEpochMs() != null) {
            epochMs = o.streamStartEpochMs() + Math.round(offset * 1000.0);
        }
        if (!c.hasMessage) {
            return "has no message";
        }
        String text = c.body;
        if (text == null) {
            if (c.fragmentTexts.isEmpty()) {
                return "has no message body";
            }
            text = String.join("", c.fragmentTexts);
        }
        boolean action = c.isAction;
        if (text.startsWith(IrcTags.ACTION_PREFIX)) {
            text = IrcTags.stripAction(text);
            action = true;
        }
        ChatMessageType type;
        if (!ImportContext.isBlank(c.noticeId)) {
            type = ChatMessages.typeOfNotice(c.noticeId.trim());
        } else {
            type = ImportContext.userMessageType(c.bits, action);
        }
        String author = ImportContext.authorNameOf(c.commenterName, c.commenterDisplayName, c.commenterId);
        if (author == null) {
            if (ImportContext.needsAuthor(type)) {
                return "has no commenter";
            }
            author = "";
        }
        List<Emote> emotes = c.fragmentEmotes ? emotesFromFragments(text, c) : emotesFromEmoticons(text, c);
        ctx.emit(c.id, offset, epochMs, c.commenterId, author, c.commenterDisplayName, c.color, text, emotes,
                c.badges.isEmpty() ? null : new ArrayList<>(c.badges), c.bits, null, type);
        return null;
    }

    private static List<Emote> emotesFromFragments(String text, Scratch c) {
        List<Emote> emotes = new ArrayList<>(2);
        int at = 0;
        for (int i = 0; i < c.fragmentTexts.size(); i++) {
            String frag = c.fragmentTexts.get(i);
            int start;
            if (text.startsWith(frag, at)) {
                start = at;
            } else {
                start = text.indexOf(frag, at);
                if (start < 0) {
                    continue; // the body differs from the fragments here; this fragment cannot be placed
                }
            }
            String emoteId = c.fragmentEmoteIds.get(i);
            if (emoteId != null && !frag.isEmpty()) {
                emotes.add(new Emote(emoteId.isEmpty() ? null : emoteId, frag, start, start + frag.length() - 1));
            }
            at = start + frag.length();
        }
        return emotes;
    }

    private static List<Emote> emotesFromEmoticons(String text, Scratch c) {
        if (c.emoticonIds.isEmpty()) {
            return new ArrayList<>(0);
        }
        boolean surrogates = TextPositions.hasSurrogates(text);
        List<Emote> emotes = new ArrayList<>(c.emoticonIds.size());
        for (int i = 0; i < c.emoticonIds.size(); i++) {
            int[] r = c.emoticonRanges.get(i);
            int begin = TextPositions.utf16Index(text, r[0], surrogates);
            if (begin < 0 || begin >= text.length()) {
                continue;
            }
            int end = TextPositions.endOfWord(text, begin);
            int givenEndExclusive = r[1] < Integer.MAX_VALUE - 1
                    ? TextPositions.utf16Index(text, r[1] + 1, surrogates) : -1;
            if (givenEndExclusive > begin && givenEndExclusive - 1 < end) {
                end = givenEndExclusive - 1;
            }
            if (end < begin) {
                continue;
            }
            String id = c.emoticonIds.get(i);
            emotes.add(new Emote(ImportContext.blankToNull(id), text.substring(begin, end + 1), begin, end));
        }
        TextPositions.sort(emotes);
        return emotes;
    }
}
