package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatImporterTest {

    private static final ChatImportOptions OPTIONS =
            ChatImportOptions.forVod("vod-1").withStreamStartEpochMs(Imports.STREAM_START);

    @ParameterizedTest
    @CsvSource({
        "twitch-downloader.json, TWITCH_DOWNLOADER_JSON",
        "twitch-downloader-legacy.json, TWITCH_DOWNLOADER_JSON",
        "chat-downloader.json, CHAT_DOWNLOADER_JSON",
        "twitch-irc.log, TWITCH_IRC"
    })
    void detectsTheFormatOfEachFixture(String fixture, ChatFormat expected) throws IOException {
        byte[] data = Imports.resource(fixture);
        assertThat(ChatFormat.detect(new BufferedInputStream(new ByteArrayInputStream(data)))).contains(expected);
        assertThat(Imports.run(data, OPTIONS).result().format()).isEqualTo(expected);
    }

    @Test
    void detectionRules() {
        assertThat(detect("  \n {\"comments\": []}")).contains(ChatFormat.TWITCH_DOWNLOADER_JSON);
        assertThat(detect("\uFEFF[{\"time_in_seconds\": 1}]")).contains(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(detect("[\n  ]")).contains(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(detect("[2024-01-01 12:00:00] :a!a@a PRIVMSG #c :x")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect("@id=1 :a!a@a PRIVMSG #c :x")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect(":a!a@a PRIVMSG #c :x")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect("PING :tmi.twitch.tv\n@id=1 :a!a@a PRIVMSG #c :x")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect(":tmi.twitch.tv 001 justinfan1 :Welcome")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect("001 x")).contains(ChatFormat.TWITCH_IRC);
        assertThat(detect("hello")).isEmpty();
        assertThat(detect("Hello world")).isEmpty();
        assertThat(detect("OK")).isEmpty();
        assertThat(detect("12 monkeys")).isEmpty();
        assertThat(detect("   ")).isEmpty();
        assertThat(detect("")).isEmpty();
    }

    private static Optional<ChatFormat> detect(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ChatFormat.detect(b, b.length);
    }

    @Test
    void detectionLeavesTheStreamWhereItWas() throws IOException {
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream("[ {} ]".getBytes()), 2);
        assertThat(ChatFormat.detect(in)).contains(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(new String(in.readAllBytes())).isEqualTo("[ {} ]");
    }

    @Test
    void formatNames() {
        assertThat(ChatFormat.fromName("TwitchDownloader")).contains(ChatFormat.TWITCH_DOWNLOADER_JSON);
        assertThat(ChatFormat.fromName("chat-downloader-json")).contains(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(ChatFormat.fromName("TWITCH_IRC")).contains(ChatFormat.TWITCH_IRC);
        assertThat(ChatFormat.fromName(" irc ")).contains(ChatFormat.TWITCH_IRC);
        assertThat(ChatFormat.fromName("csv")).isEmpty();
        assertThat(ChatFormat.fromName(null)).isEmpty();
        for (ChatFormat f : ChatFormat.values()) {
            assertThat(ChatFormat.fromName(f.sourceName())).contains(f);
        }
    }

    @Test
    void unknownFormatIsRefusedBeforeAnythingIsSent() {
        List<ChatMessage> sent = new ArrayList<>();
        assertThatThrownBy(() -> ChatImporter.importChat(new ByteArrayInputStream("id,text\n1,hi".getBytes()),
                OPTIONS, sent::add))
                .isInstanceOf(ChatImportException.class)
                .extracting(e -> ((ChatImportException) e).reason())
                .isEqualTo(ChatImportException.Reason.UNKNOWN_FORMAT);
        assertThat(sent).isEmpty();
    }

    @Test
    void explicitFormatOverridesDetection() throws IOException {
        // Looks like IRC to detection, but the caller says chat-downloader: one malformed "entry", no crash.
        Imports.Outcome o = Imports.run("@id=1 :a PRIVMSG #c :x".getBytes(), OPTIONS.withFormat(
                ChatFormat.CHAT_DOWNLOADER_JSON));
        assertThat(o.result().format()).isEqualTo(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(o.result().messages()).isZero();
        assertThat(o.result().malformed()).isEqualTo(1);
        assertThat(o.result().issues().get(0).reason()).contains("expected a JSON array");
    }

    @ParameterizedTest
    @CsvSource({"twitch-downloader.json", "twitch-downloader-legacy.json", "chat-downloader.json", "twitch-irc.log"})
    void gzipIsDetectedByMagicBytesAndGivesTheSameRecords(String fixture, @TempDir Path dir) throws IOException {
        byte[] plain = Imports.resource(fixture);
        Imports.Outcome p = Imports.run(plain, OPTIONS);
        // A misleading name on purpose: detection looks at the bytes only.
        Path gz = dir.resolve("chat.json");
        Files.write(gz, Imports.gzip(plain));
        List<ChatMessage> fromGzip = new ArrayList<>();
        ChatImportResult g = ChatImporter.importFile(gz, OPTIONS, fromGzip::add);

        assertThat(p.result().gzip()).isFalse();
        assertThat(g.gzip()).isTrue();
        assertThat(fromGzip).isEqualTo(p.messages());
        assertThat(g.messages()).isEqualTo(p.result().messages());
        assertThat(g.malformed()).isEqualTo(p.result().malformed());
        assertThat(g.issues()).isEqualTo(p.result().issues());
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        byte[] plain = Imports.resource("twitch-irc.log");
        int half = new String(plain, StandardCharsets.UTF_8).indexOf("PING");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(Imports.gzip(java.util.Arrays.copyOfRange(plain, 0, half)));
        both.write(Imports.gzip(java.util.Arrays.copyOfRange(plain, half, plain.length)));
        assertThat(Imports.run(both.toByteArray(), OPTIONS).messages())
                .isEqualTo(Imports.run(plain, OPTIONS).messages());
    }

    @Test
    void brokenGzipHeaderIsAnImportError() {
        byte[] bogus = {0x1f, (byte) 0x8b, 8};
        assertThatThrownBy(() -> Imports.run(bogus, OPTIONS))
                .isInstanceOf(ChatImportException.class)
                .extracting(e -> ((ChatImportException) e).reason())
                .isEqualTo(ChatImportException.Reason.CORRUPT_INPUT);
    }

    @Test
    void truncatedGzipJsonKeepsWhatWasRead() throws IOException {
        byte[] gz = Imports.gzip(Imports.resource("chat-downloader.json"));
        Imports.Outcome o = Imports.run(java.util.Arrays.copyOf(gz, gz.length / 2), OPTIONS);
        assertThat(o.result().truncated()).isTrue();
        assertThat(o.result().issues()).last().extracting(ChatImportIssue::reason).asString()
                .contains("truncated").contains("compressed input broken off");
        Imports.Outcome full = Imports.run("chat-downloader.json", OPTIONS);
        assertThat(full.messages()).startsWith(o.messages().toArray(new ChatMessage[0]));
    }

    @ParameterizedTest
    @CsvSource({"twitch-downloader.json", "twitch-downloader-legacy.json", "chat-downloader.json", "twitch-irc.log"})
    void parsingTwiceGivesIdenticalRecords(String fixture) throws IOException {
        Imports.Outcome a = Imports.run(fixture, OPTIONS);
        Imports.Outcome b = Imports.run(fixture, OPTIONS);
        assertThat(a.messages()).isNotEmpty().isEqualTo(b.messages());
        assertThat(a.result()).isEqualTo(b.result());
        // Ids are unique within a file.
        assertThat(a.ids()).doesNotHaveDuplicates();
    }

    @Test
    void hashedIdsDependOnVodOffsetAuthorAndText() {
        String id = ChatMessages.hashedId("v", 1.0, "a", "t");
        assertThat(id).matches("[0-9a-f]{32}").isEqualTo(ChatMessages.hashedId("v", 1.0004, "a", "t"));
        assertThat(id).isNotEqualTo(ChatMessages.hashedId("w", 1.0, "a", "t"))
                .isNotEqualTo(ChatMessages.hashedId("v", 1.001, "a", "t"))
                .isNotEqualTo(ChatMessages.hashedId("v", 1.0, "b", "t"))
                .isNotEqualTo(ChatMessages.hashedId("v", 1.0, "a", "u"));
        // Field boundaries are unambiguous.
        assertThat(ChatMessages.hashedId("v", 1.0, "ab", "c")).isNotEqualTo(ChatMessages.hashedId("v", 1.0, "a", "bc"));
    }

    @Test
    void endOfChatMarker() throws IOException {
        ChatMessage eoc = ChatMessages.endOfChat("vod-1", 3599.5, 12345);
        assertThat(eoc.getType()).isEqualTo(ChatMessageType.END_OF_CHAT);
        assertThat(eoc.getVodId()).isEqualTo("vod-1");
        assertThat(eoc.getOffsetSec()).isEqualTo(3599.5);
        assertThat(eoc.getText()).isEqualTo("12345");
        assertThat(eoc.getMessageId()).isEqualTo("end-of-chat:vod-1:12345:3599500");
        assertThat(eoc).isEqualTo(ChatMessages.endOfChat("vod-1", 3599.5, 12345));
        assertThat(ChatMessages.endOfChat("vod-1", Double.NaN, 0).getOffsetSec()).isZero();

        ChatImportResult r = Imports.run("twitch-irc.log", OPTIONS).result();
        ChatMessage fromResult = r.endOfChat("vod-1");
        assertThat(fromResult.getOffsetSec()).isEqualTo(40.0);
        assertThat(fromResult.getText()).isEqualTo("9");
        assertThat(fromResult.getSource()).isEqualTo("twitch-irc");
        // The marker serializes like any message.
        assertThat(roundTrip(fromResult)).isEqualTo(fromResult);
    }

    @Test
    void everyImportedRecordIsSerializable() throws IOException {
        for (String f : List.of("twitch-downloader.json", "twitch-downloader-legacy.json", "chat-downloader.json",
                "twitch-irc.log")) {
            for (ChatMessage m : Imports.run(f, OPTIONS).messages()) {
                assertThat(roundTrip(m)).isEqualTo(m);
            }
        }
    }

    private static ChatMessage roundTrip(ChatMessage m) throws IOException {
        return ChatMessage.fromByteBuffer(m.toByteBuffer());
    }

    @Test
    void sinkFailuresPropagate() {
        RuntimeException boom = new IllegalStateException("producer closed");
        for (String f : List.of("twitch-downloader.json", "chat-downloader.json", "twitch-irc.log")) {
            assertThatThrownBy(() -> ChatImporter.importChat(new ByteArrayInputStream(Imports.resource(f)), OPTIONS,
                    m -> {
                        throw boom;
                    })).isSameAs(boom);
        }
    }

    @Test
    void summaryNamesCountsAndFirstIssues() throws IOException {
        ChatImportResult r = Imports.run("twitch-irc.log", OPTIONS.withMaxIssues(2)).result();
        assertThat(r.issues()).hasSize(2);
        assertThat(r.malformed()).isEqualTo(4);
        assertThat(r.summary()).startsWith("9 messages, 4 malformed, 4 ignored (line 9 (byte ")
                .endsWith("; ...)");
    }
}
