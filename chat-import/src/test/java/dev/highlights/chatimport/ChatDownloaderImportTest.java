package dev.highlights.chatimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatDownloaderImportTest {

    private static final ChatImportOptions OPTIONS = ChatImportOptions.forVod("vod-cd");

    @Test
    void readsMessagesAndSkipsMalformedOnes() throws IOException {
        Imports.Outcome o = Imports.run("chat-downloader.json", OPTIONS);
        ChatImportResult r = o.result();
        assertThat(r.format()).isEqualTo(ChatFormat.CHAT_DOWNLOADER_JSON);
        assertThat(r.messages()).isEqualTo(9);
        assertThat(r.malformed()).isEqualTo(4);
        assertThat(r.lastOffsetSec()).isEqualTo(31.0);
        assertThat(r.issues()).extracting(ChatImportIssue::reason).satisfiesExactly(
                reason -> assertThat(reason).isEqualTo("message #8 has no time_in_seconds"),
                reason -> assertThat(reason).startsWith("message #9 has an offset before the VOD start"),
                reason -> assertThat(reason).isEqualTo("message #11 is not a JSON object"),
                reason -> assertThat(reason).isEqualTo("message #13 has no author"));

        assertThat(o.messages().get(0)).isEqualTo(new ChatMessage("7f3e0c3a-0001-4b5e-8f00-000000000001", "vod-cd",
                3.5, 1_704_110_403_500L, new ChatAuthor("3001", "kate", "Kate", "#FF69B4"), "Kappa hello Kappa",
                List.of(new Emote("25", "Kappa", 0, 4), new Emote("25", "Kappa", 12, 16)),
                List.of(new Badge("subscriber", "6"), new Badge("moderator", "1")), 0, null, ChatMessageType.CHAT,
                "chat-downloader-json"));
    }

    @Test
    void commaSeparatedCodePointLocationsAfterAnEmoji() throws IOException {
        ChatMessage m = Imports.run("chat-downloader.json", OPTIONS).byId("7f3e0c3a-0002-4b5e-8f00-000000000002");
        assertThat(m.getEmotes()).containsExactly(new Emote("88", "PogChamp", 3, 10),
                new Emote("88", "PogChamp", 14, 21));
        for (Emote e : m.getEmotes()) {
            assertThat(m.getText().substring(e.getBegin(), e.getEnd() + 1)).isEqualTo("PogChamp");
        }
    }

    @Test
    void types() throws IOException {
        Imports.Outcome o = Imports.run("chat-downloader.json", OPTIONS);
        assertThat(o.byId("7f3e0c3a-0003-4b5e-8f00-000000000003").getType()).isEqualTo(ChatMessageType.SUBSCRIPTION);
        assertThat(o.byId("7f3e0c3a-0004-4b5e-8f00-000000000004").getType()).isEqualTo(ChatMessageType.RAID);
        ChatMessage cheer = o.byId("7f3e0c3a-0005-4b5e-8f00-000000000005");
        assertThat(cheer.getType()).isEqualTo(ChatMessageType.CHEER);
        assertThat(cheer.getBits()).isEqualTo(50);
        ChatMessage action = o.byId("7f3e0c3a-0006-4b5e-8f00-000000000006");
        assertThat(action.getType()).isEqualTo(ChatMessageType.ACTION);
        assertThat(action.getText()).isEqualTo("dances");
        ChatMessage reply = o.byId("7f3e0c3a-0007-4b5e-8f00-000000000007");
        assertThat(reply.getReplyParentId()).isEqualTo("7f3e0c3a-0001-4b5e-8f00-000000000001");
        assertThat(reply.getAuthor().getDisplayName()).isNull();
    }

    @Test
    void youTubeStyleMessage() throws IOException {
        ChatMessage m = Imports.run("chat-downloader.json", OPTIONS).byId("ChwKGkNJ-youtube-id");
        assertThat(m.getType()).isEqualTo(ChatMessageType.CHEER);
        assertThat(m.getBits()).isZero();
        assertThat(m.getAuthor()).isEqualTo(new ChatAuthor("UCxyz", "some person", null, null));
        assertThat(m.getBadges()).containsExactly(new Badge("Member (6 months)", "1"));
        // No locations: the emote is found by its name.
        assertThat(m.getEmotes()).containsExactly(
                new Emote("UCkszU2WH9gy1mb0dV-11UJg/face", ":face-blue-smiling:", 3, 21));
    }

    @Test
    void microsecondTimestampsAndHashedIds() throws IOException {
        Imports.Outcome o = Imports.run("chat-downloader.json", OPTIONS);
        ChatMessage sam = o.messages().stream().filter(m -> m.getAuthor().getName().equals("sam")).findFirst()
                .orElseThrow();
        assertThat(sam.getEpochMs()).isEqualTo(1_704_110_431_000L);
        assertThat(sam.getMessageId()).isEqualTo(ChatMessages.hashedId("vod-cd", 31.0, "sam", "no message id"));
    }

    @Test
    void streamStartDerivesAMissingOffsetFromTheTimestamp() throws IOException {
        Imports.Outcome o = Imports.run("chat-downloader.json", OPTIONS.withStreamStartEpochMs(Imports.STREAM_START));
        assertThat(o.result().messages()).isEqualTo(10);
        assertThat(o.byId("7f3e0c3a-0008-4b5e-8f00-000000000008").getOffsetSec()).isEqualTo(24.0);
    }

    @Test
    void truncatedArray() throws IOException {
        byte[] full = Imports.resource("chat-downloader.json");
        String s = new String(full, java.nio.charset.StandardCharsets.UTF_8);
        int cut = s.indexOf("\"Thanks for the 7 months");
        Imports.Outcome o = Imports.run(s.substring(0, cut).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                OPTIONS);
        assertThat(o.result().messages()).isEqualTo(2);
        assertThat(o.result().truncated()).isTrue();
        assertThat(o.result().issues().get(0).reason()).contains("input ended inside message #3");

        // Cut between two entries: nothing lost but the closing bracket.
        int between = s.indexOf("\n    },", s.indexOf("7f3e0c3a-0002")) + 7;
        Imports.Outcome o2 = Imports.run(s.substring(0, between).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                OPTIONS);
        assertThat(o2.result().messages()).isEqualTo(2);
        assertThat(o2.result().truncated()).isTrue();
        assertThat(o2.result().issues().get(0).reason()).contains("before the array closed");
    }

    @Test
    void emptyArray() throws IOException {
        Imports.Outcome o = Imports.run(" [ ] ".getBytes(), OPTIONS);
        assertThat(o.result().messages()).isZero();
        assertThat(o.result().malformed()).isZero();
        assertThat(o.result().format()).isEqualTo(ChatFormat.CHAT_DOWNLOADER_JSON);
    }
}
