package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwitchIrcImportTest {

    private static final ChatImportOptions OPTIONS =
            ChatImportOptions.forVod("vod-irc").withStreamStartEpochMs(Imports.STREAM_START);

    @Test
    void readsPrivmsgWithAllTags() throws IOException {
        Imports.Outcome o = Imports.run("twitch-irc.log", OPTIONS);
        ChatImportResult r = o.result();
        assertThat(r.format()).isEqualTo(ChatFormat.TWITCH_IRC);
        assertThat(r.messages()).isEqualTo(9);
        assertThat(r.malformed()).isEqualTo(4);
        assertThat(r.ignored()).isEqualTo(4);
        assertThat(r.lastOffsetSec()).isEqualTo(40.0);
        assertThat(r.issues()).satisfiesExactly(
                i -> assertThat(i).extracting(ChatImportIssue::line, ChatImportIssue::reason)
                        .containsExactly(9L, "no timestamp (neither a tmi-sent-ts tag nor a log timestamp)"),
                i -> assertThat(i).extracting(ChatImportIssue::line, ChatImportIssue::reason)
                        .containsExactly(10L, "sent 100000 ms before the stream start"),
                i -> assertThat(i.reason()).contains("unknown IRC command 'this'"),
                i -> assertThat(i.reason()).isEqualTo("tmi-sent-ts is not a number: 'abc'"));

        assertThat(o.messages().get(0)).isEqualTo(new ChatMessage("b34ccfc7-4977-403a-8a94-33c6bac34fb8", "vod-irc",
                1.0, 1_704_110_401_000L, new ChatAuthor("123", "foo", "Foo", "#FF0000"), "Kappa Keepo Kappa cheer100",
                List.of(new Emote("25", "Kappa", 0, 4), new Emote("1902", "Keepo", 6, 10),
                        new Emote("25", "Kappa", 12, 16)),
                List.of(new Badge("subscriber", "12"), new Badge("premium", "1")), 100,
                "aaaa1111-2222-3333-4444-555566667777", ChatMessageType.CHEER, "twitch-irc"));
    }

    @Test
    void issuePositionsAreLineStarts() throws IOException {
        byte[] file = Imports.resource("twitch-irc.log");
        ChatImportIssue issue = Imports.run(file, OPTIONS).result().issues().get(0);
        String rest = new String(file, (int) issue.byteOffset(), 40, StandardCharsets.UTF_8);
        assertThat(rest).startsWith(":nots!nots@");
    }

    @Test
    void actionIsUnframedAndItsEmotesStayRelativeToTheText() throws IOException {
        ChatMessage m = Imports.run("twitch-irc.log", OPTIONS).byId("c0000000-0000-0000-0000-000000000002");
        assertThat(m.getType()).isEqualTo(ChatMessageType.ACTION);
        assertThat(m.getText()).isEqualTo("waves HeyGuys");
        assertThat(m.getEmotes()).containsExactly(new Emote("30259", "HeyGuys", 6, 12));
        assertThat(m.getAuthor().getColor()).isNull(); // empty color tag
        assertThat(m.getBadges()).isEmpty();
        assertThat(m.getOffsetSec()).isEqualTo(2.5);
    }

    @Test
    void codePointEmotePositionsBecomeUtf16() throws IOException {
        ChatMessage m = Imports.run("twitch-irc.log", OPTIONS).byId("c0000000-0000-0000-0000-000000000003");
        assertThat(m.getText()).isEqualTo("\uD83D\uDE02 Kappa \uD83D\uDC4D\uD83C\uDFFD Kappa");
        // Tag says 2-6 and 11-15 in code points.
        assertThat(m.getEmotes()).containsExactly(new Emote("25", "Kappa", 3, 7), new Emote("25", "Kappa", 14, 18));
        assertThat(m.getBadges()).containsExactly(new Badge("glhf-pledge", "1"));
    }

    @Test
    void userNotices() throws IOException {
        Imports.Outcome o = Imports.run("twitch-irc.log", OPTIONS);
        ChatMessage sub = o.byId("d0000000-0000-0000-0000-000000000004");
        assertThat(sub.getType()).isEqualTo(ChatMessageType.SUBSCRIPTION);
        assertThat(sub.getText()).isEqualTo("Love this stream");
        assertThat(sub.getAuthor()).isEqualTo(new ChatAuthor("789", "qux", "Qux", "#1E90FF"));

        ChatMessage raid = o.byId("e0000000-0000-0000-0000-000000000005");
        assertThat(raid.getType()).isEqualTo(ChatMessageType.RAID);
        assertThat(raid.getText()).isEqualTo("42 raiders from RaiderTeam have joined!"); // escaped system-msg
        assertThat(raid.getAuthor().getName()).isEqualTo("raiderteam");
        assertThat(raid.getAuthor().getDisplayName()).isEqualTo("Raider Team");
    }

    @Test
    void escapedTagValues() throws IOException {
        ChatMessage m = Imports.run("twitch-irc.log", OPTIONS).byId("e0000000-0000-0000-0000-000000000006");
        assertThat(m.getAuthor().getDisplayName()).isEqualTo("Semi;Colon\\Back");
    }

    @Test
    void logTimestampPrefix() throws IOException {
        Imports.Outcome o = Imports.run("twitch-irc.log", OPTIONS);
        ChatMessage logged = o.messages().stream().filter(m -> m.getAuthor().getName().equals("logged"))
                .findFirst().orElseThrow();
        assertThat(logged.getOffsetSec()).isEqualTo(30.0);
        assertThat(logged.getMessageId()).isEqualTo(
                ChatMessages.hashedId("vod-irc", 30.0, "logged", "from a plain log"));
        // tmi-sent-ts wins over the log prefix.
        assertThat(o.byId("g0000000-0000-0000-0000-000000000014").getOffsetSec()).isEqualTo(31.5);
        // An emote range outside the text is dropped; the message stays.
        assertThat(o.byId("h0000000-0000-0000-0000-000000000016").getEmotes()).isEmpty();
    }

    @Test
    void logTimestampInAnotherZone() throws IOException {
        String line = "[2024-01-01 13:00:05] :x!x@x.tmi.twitch.tv PRIVMSG #c :hi\n";
        Imports.Outcome o = Imports.run(line.getBytes(StandardCharsets.UTF_8),
                OPTIONS.withFormat(ChatFormat.TWITCH_IRC).withLogTimeZone(ZoneId.of("Europe/Paris")));
        assertThat(o.messages()).singleElement().extracting(ChatMessage::getOffsetSec).isEqualTo(5.0);
    }

    @Test
    void crlfLinesAndNoFinalNewline() throws IOException {
        String text = "@id=a;tmi-sent-ts=1704110401000 :a!a@a PRIVMSG #c :one\r\n"
                + "@id=b;tmi-sent-ts=1704110402000 :b!b@b PRIVMSG #c :two";
        Imports.Outcome o = Imports.run(text.getBytes(StandardCharsets.UTF_8), OPTIONS);
        assertThat(o.messages()).extracting(ChatMessage::getText).containsExactly("one", "two");
    }

    @Test
    void ircNeedsTheStreamStart() {
        assertThatThrownBy(() -> Imports.run("twitch-irc.log", ChatImportOptions.forVod("v")))
                .isInstanceOf(ChatImportException.class)
                .extracting(e -> ((ChatImportException) e).reason())
                .isEqualTo(ChatImportException.Reason.MISSING_STREAM_START);
    }

    @Test
    void truncatedGzipKeepsCompleteLines() throws IOException {
        byte[] gz = Imports.gzip(Imports.resource("twitch-irc.log"));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length * 2 / 3);
        Imports.Outcome o = Imports.run(cut, OPTIONS);
        assertThat(o.result().gzip()).isTrue();
        assertThat(o.result().truncated()).isTrue();
        assertThat(o.result().messages()).isLessThan(9);
        Imports.Outcome full = Imports.run("twitch-irc.log", OPTIONS);
        // Whatever was imported is a prefix of the full import, byte for byte.
        assertThat(full.messages()).startsWith(o.messages().toArray(new ChatMessage[0]));
    }
}
