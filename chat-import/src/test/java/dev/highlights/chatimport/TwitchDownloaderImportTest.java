package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwitchDownloaderImportTest {

    private static final ChatImportOptions OPTIONS = ChatImportOptions.forVod("vod-td");

    @Test
    void readsCurrentFormatAndSkipsMalformedComments() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader.json", OPTIONS);
        ChatImportResult r = o.result();

        assertThat(r.format()).isEqualTo(ChatFormat.TWITCH_DOWNLOADER_JSON);
        assertThat(r.gzip()).isFalse();
        assertThat(r.messages()).isEqualTo(9).isEqualTo(o.messages().size());
        assertThat(r.malformed()).isEqualTo(3);
        assertThat(r.truncated()).isFalse();
        assertThat(r.lastOffsetSec()).isEqualTo(30.0);
        assertThat(r.issues()).extracting(ChatImportIssue::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("comment #5 ").contains("content_offset_seconds"),
                reason -> assertThat(reason).isEqualTo("comment #9 is not a JSON object"),
                reason -> assertThat(reason).startsWith("comment #10 is not valid JSON"));
        // Positions point into the file: the broken entry starts on its own line.
        ChatImportIssue broken = r.issues().get(2);
        String file = new String(Imports.resource("twitch-downloader.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(file.substring((int) broken.byteOffset())).startsWith("{\"_id\": \"broken-entry\"");
        assertThat(file.split("\n", -1)[(int) broken.line() - 1]).contains("broken-entry");

        ChatMessage first = o.messages().get(0);
        assertThat(first).isEqualTo(new ChatMessage("9b1c1f0e-0001-4c1e-9a1a-000000000001", "vod-td", 5.123,
                Instant.parse("2024-01-01T12:00:05.123Z").toEpochMilli(),
                new ChatAuthor("1001", "alice_a", "Alice_A", "#FF0000"), "Kappa hello",
                java.util.List.of(new Emote("25", "Kappa", 0, 4)),
                java.util.List.of(new Badge("subscriber", "12"), new Badge("premium", "1")), 0, null,
                ChatMessageType.CHAT, "twitch-downloader-json"));
    }

    @Test
    void emotePositionsAfterAnEmojiAreUtf16() throws IOException {
        ChatMessage m = Imports.run("twitch-downloader.json", OPTIONS).byId("9b1c1f0e-0002-4c1e-9a1a-000000000002");
        assertThat(m.getText()).isEqualTo("\uD83C\uDF89 Kappa hi \u00e9t\u00e9");
        assertThat(m.getEmotes()).containsExactly(new Emote("25", "Kappa", 3, 7));
        assertThat(m.getText().substring(3, 8)).isEqualTo("Kappa");
        assertThat(m.getAuthor().getColor()).isNull();
        assertThat(m.getBadges()).isEmpty();
    }

    @Test
    void typesFromNoticesBitsAndActions() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader.json", OPTIONS);
        assertThat(o.byId("9b1c1f0e-0003-4c1e-9a1a-000000000003").getType()).isEqualTo(ChatMessageType.SUBSCRIPTION);
        ChatMessage cheer = o.byId("9b1c1f0e-0004-4c1e-9a1a-000000000004");
        assertThat(cheer.getType()).isEqualTo(ChatMessageType.CHEER);
        assertThat(cheer.getBits()).isEqualTo(100);
        assertThat(o.byId("9b1c1f0e-0007-4c1e-9a1a-000000000007").getType()).isEqualTo(ChatMessageType.RAID);
        assertThat(o.byId("9b1c1f0e-0008-4c1e-9a1a-000000000008").getType()).isEqualTo(ChatMessageType.CHAT);
    }

    @Test
    void toleratesNumericIdsMissingDisplayNameAndUnknownFields() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader.json", OPTIONS);
        ChatMessage numeric = o.byId("123456789");
        assertThat(numeric.getOffsetSec()).isEqualTo(14.25);
        assertThat(numeric.getAuthor()).isEqualTo(new ChatAuthor("1006", "frank_legacy", null, null));
        assertThat(numeric.getEmotes()).isEmpty();

        ChatMessage unknown = o.byId("9b1c1f0e-0008-4c1e-9a1a-000000000008");
        assertThat(unknown.getText()).isEqualTo("unknown fields everywhere");
        assertThat(unknown.getBadges()).containsExactly(new Badge("vip", "1"));
        assertThat(unknown.getEpochMs()).isNull();
    }

    @Test
    void missingIdIsAStableHash() throws IOException {
        ChatMessage m = Imports.run("twitch-downloader.json", OPTIONS).messages().stream()
                .filter(x -> x.getAuthor().getName().equals("heidi")).findFirst().orElseThrow();
        assertThat(m.getText()).isEqualTo("no id here \"quoted\" and \\ backslash");
        assertThat(m.getMessageId()).matches("[0-9a-f]{32}")
                .isEqualTo(ChatMessages.hashedId("vod-td", 25.0, "heidi", m.getText()));
        // emoticons without fragments: begin is used, the emote ends with its word.
        assertThat(m.getEmotes()).containsExactly(new Emote("25", "no", 0, 1));
    }

    @Test
    void emoticonsEndIsRepairedFromTheWord() throws IOException {
        // TwitchDownloader writes end = begin + length + 1; the emote must still cover exactly "Kappa".
        ChatMessage m = Imports.run("twitch-downloader.json", OPTIONS).byId("9b1c1f0e-0011-4c1e-9a1a-000000000011");
        assertThat(m.getEmotes()).containsExactly(new Emote("25", "Kappa", 0, 4));
    }

    @Test
    void streamStartDerivesAMissingOffsetFromCreatedAt() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader.json",
                OPTIONS.withStreamStartEpochMs(Imports.STREAM_START));
        assertThat(o.result().messages()).isEqualTo(10);
        assertThat(o.result().malformed()).isEqualTo(2);
        ChatMessage derived = o.byId("9b1c1f0e-0005-4c1e-9a1a-000000000005");
        assertThat(derived.getOffsetSec()).isEqualTo(13.0);
        // And an epoch time is derived for comments without created_at.
        assertThat(o.byId("9b1c1f0e-0008-4c1e-9a1a-000000000008").getEpochMs())
                .isEqualTo(Imports.STREAM_START + 21_500L);
    }

    @Test
    void readsLegacyFiles() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader-legacy.json", OPTIONS);
        assertThat(o.result().messages()).isEqualTo(3);
        assertThat(o.result().malformed()).isEqualTo(2);
        assertThat(o.result().issues()).extracting(ChatImportIssue::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("#4").contains("before the VOD start"),
                reason -> assertThat(reason).contains("#5").contains("no commenter"));

        ChatMessage lul = o.byId("legacy-1");
        assertThat(lul.getText()).isEqualTo("\uD83D\uDE02\uD83D\uDE02 LUL LUL");
        // Code point positions 3-5 and 7-9 become UTF-16 5-7 and 9-11.
        assertThat(lul.getEmotes()).containsExactly(new Emote("425618", "LUL", 5, 7), new Emote("425618", "LUL", 9, 11));
        assertThat(lul.getEpochMs()).isEqualTo(Instant.parse("2019-05-09T21:10:37.360Z").toEpochMilli());
        assertThat(lul.getAuthor().getColor()).isEqualTo("#8A2BE2");

        ChatMessage action = o.byId("legacy-2");
        assertThat(action.getType()).isEqualTo(ChatMessageType.ACTION);
        assertThat(action.getText()).isEqualTo("waves HeyGuys"); // body missing: the fragments joined
        assertThat(action.getEmotes()).containsExactly(new Emote("30259", "HeyGuys", 6, 12));
        assertThat(action.getAuthor()).isEqualTo(new ChatAuthor("2002", "actor", null, null));

        ChatMessage sub = o.byId("legacy-3");
        assertThat(sub.getType()).isEqualTo(ChatMessageType.SUBSCRIPTION); // user_notice_params.msg_id
        assertThat(sub.getBadges()).containsExactly(new Badge("subscriber", "0"));
    }

    @Test
    void truncatedFileKeepsWhatWasRead() throws IOException {
        Imports.Outcome o = Imports.run("twitch-downloader-truncated.json", OPTIONS);
        assertThat(o.result().truncated()).isTrue();
        assertThat(o.result().messages()).isEqualTo(3);
        assertThat(o.result().malformed()).isEqualTo(1);
        assertThat(o.result().issues().get(0).reason()).contains("input ended inside comment #4").contains("truncated");
        assertThat(o.result().lastOffsetSec()).isEqualTo(10.5);
    }

    @Test
    void objectWithoutCommentsIsOneMalformedEntry() throws IOException {
        Imports.Outcome o = Imports.run("{\"streamer\": {\"name\": \"x\"}, \"video\": {}}".getBytes(), OPTIONS);
        assertThat(o.result().messages()).isZero();
        assertThat(o.result().malformed()).isEqualTo(1);
        assertThat(o.result().truncated()).isFalse();
        assertThat(o.result().issues().get(0).reason()).contains("no 'comments' array");
    }

    @Test
    void nestedCommentsKeyIsNotTheMessageArray() throws IOException {
        String json = "{\"video\": {\"comments\": [{\"_id\": \"nested\", \"content_offset_seconds\": 1,"
                + " \"commenter\": {\"name\": \"n\"}, \"message\": {\"body\": \"x\"}}]},"
                + " \"comments\": [{\"_id\": \"top\", \"content_offset_seconds\": 2,"
                + " \"commenter\": {\"name\": \"t\"}, \"message\": {\"body\": \"y\"}}]}";
        Imports.Outcome o = Imports.run(json.getBytes(), OPTIONS);
        assertThat(o.ids()).containsExactly("top");
    }

    @Test
    void oversizedCommentIsSkippedNotKept() throws IOException {
        StringBuilder big = new StringBuilder("{\"comments\": [{\"_id\": \"big\", \"content_offset_seconds\": 1,"
                + " \"commenter\": {\"name\": \"b\"}, \"message\": {\"body\": \"");
        big.append("x".repeat(5000)).append("\"}}, {\"_id\": \"small\", \"content_offset_seconds\": 2,"
                + " \"commenter\": {\"name\": \"s\"}, \"message\": {\"body\": \"ok\"}}]}");
        Imports.Outcome o = Imports.run(big.toString().getBytes(), OPTIONS.withMaxEntryBytes(1024));
        assertThat(o.ids()).containsExactly("small");
        assertThat(o.result().issues().get(0).reason()).contains("larger than 1024 bytes");
    }
}
