package dev.highlights.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatEvent;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.ingest.core.LiveChatMessages;
import dev.highlights.ingest.core.VodRequest;
import dev.highlights.ingest.problem.IngestException;
import dev.highlights.schemas.serde.AvroDeserializer;
import dev.highlights.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values of the ingest topics: Avro and JSON told apart by the first byte, every accepted shape. */
class IngestValuesTest {
    private static final Map<String, Object> REGISTRY = Map.of("schema.registry.url", "mock://ingest-values");
    private final ObjectMapper mapper = new ObjectMapper();
    private final IngestValues values = new IngestValues(mapper, new AvroDeserializer<>(REGISTRY, false));
    private final AvroSerializer<Object> avro = new AvroSerializer<>(REGISTRY, false);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void firstByteTellsAvroFromJson() {
        assertThat(IngestValues.encoding(new byte[] {0, 0, 0, 0, 1})).isEqualTo(IngestValues.Encoding.AVRO);
        assertThat(IngestValues.encoding(utf8("{}"))).isEqualTo(IngestValues.Encoding.JSON);
        assertThat(IngestValues.encoding(utf8(" \n[1]"))).isEqualTo(IngestValues.Encoding.JSON);
        assertThat(IngestValues.encoding(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}))
                .isEqualTo(IngestValues.Encoding.JSON);
        for (byte[] bad : new byte[][] {null, {}, utf8("hello"), utf8("42"), {1, 2}}) {
            assertThatThrownBy(() -> IngestValues.encoding(bad)).isInstanceOf(IngestValues.MalformedValueException.class);
        }
        assertThatThrownBy(() -> values.vodRequest("vod-requests", utf8("{not json")))
                .isInstanceOf(IngestValues.MalformedValueException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void vodRequestsFromAvroAndJsonAreTheRestRequest() {
        VodRequest expected = new VodRequest("v1", "chan", "Title", "file:///m.mp4", null, null, true, 5L);
        byte[] a = avro.serialize("vod-requests", VodIngestRequest.newBuilder().setRequestId("r1").setVodId("v1")
                .setChannel("chan").setTitle("Title").setMediaUri("file:///m.mp4").setChatUri(null).setChatFormat(null)
                .setLive(true).setStreamStartEpochMs(5L).build());
        assertThat(values.vodRequest("vod-requests", a)).isEqualTo(new IngestValues.VodPush("r1", expected));
        String json = "{\"requestId\": \"r1\", \"id\": \"v1\", \"channel\": \"chan\", \"title\": \"Title\", "
                + "\"mediaUri\": \"file:///m.mp4\", \"live\": true, \"streamStartEpochMs\": 5, \"extra\": 1}";
        assertThat(values.vodRequest("vod-requests", utf8(json))).isEqualTo(new IngestValues.VodPush("r1", expected));
        assertThat(values.vodRequest("vod-requests", utf8(json.replace("\"id\"", "\"vodId\"")))).isEqualTo(
                new IngestValues.VodPush("r1", expected));
        assertThatThrownBy(() -> values.vodRequest("vod-requests", utf8("[]"))).isInstanceOf(IngestException.class);
        assertThatThrownBy(() -> values.vodRequest("vod-requests", utf8("{\"live\": {\"x\": 1}}")))
                .isInstanceOf(IngestException.class).hasMessageContaining("not a JSON object describing the VOD");
        // A record of another type is not a request.
        byte[] chat = avro.serialize("chat-messages", message("v1", "m", 1));
        assertThatThrownBy(() -> values.vodRequest("vod-requests", chat))
                .isInstanceOf(IngestValues.MalformedValueException.class).hasMessageContaining("not a VOD request");
    }

    @Test
    void chatEventsComeAsBatchesSingleMessagesArraysAndEnds() throws Exception {
        ChatMessage m = message("v1", "m-1", 1.5);
        byte[] batch = avro.serialize("chat-events", ChatEvent.newBuilder().setVodId("v1")
                .setMessages(List.of(m, message("v1", "", 2))).setEnd(true).build());
        IngestValues.ChatPush push = values.chatEvent("chat-events", null, batch);
        assertThat(push.vodId()).isEqualTo("v1");
        assertThat(push.end()).isTrue();
        assertThat(push.messages()).hasSize(2);
        // The Avro message goes through the live chat conversion unchanged (source aside).
        ChatMessage back = LiveChatMessages.toRecord("v1", null, push.messages().get(0), 0);
        m.setSource(LiveChatMessages.SOURCE);
        assertThat(back).isEqualTo(m);
        assertThat(LiveChatMessages.toRecord("v1", null, push.messages().get(1), 1).getMessageId()).hasSize(32);

        IngestValues.ChatPush single = values.chatEvent("chat-events", "v2",
                avro.serialize("chat-messages", message("v2", "x", 3)));
        assertThat(single.vodId()).isEqualTo("v2");
        assertThat(single.messages()).hasSize(1);
        assertThat(single.end()).isFalse();

        assertThat(values.chatEvent("chat-events", "key", utf8("{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"t\"}")).vodId())
                .isEqualTo("key");
        assertThat(values.chatEvent("chat-events", null,
                utf8("[{\"vodId\": \"v3\", \"offsetSec\": 1, \"author\": \"a\", \"text\": \"t\"}]")).vodId()).isEqualTo("v3");
        IngestValues.ChatPush end = values.chatEvent("chat-events", null, utf8("{\"vodId\": \"v4\", \"end\": true}"));
        assertThat(end).isEqualTo(new IngestValues.ChatPush("v4", List.of(), true));
        IngestValues.ChatPush marker = values.chatEvent("chat-events", "v5",
                utf8("[{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"t\"}, {\"type\": \"END_OF_CHAT\"}]"));
        assertThat(marker.messages()).hasSize(1);
        assertThat(marker.end()).isTrue();
        assertThat(values.chatEvent("chat-events", "v6", utf8("{\"messageId\": \"abc\", \"offsetSec\": 1, "
                + "\"author\": {\"name\": \"a\"}, \"text\": \"t\"}")).messages().get(0).get("id").asText()).isEqualTo("abc");

        assertThatThrownBy(() -> values.chatEvent("chat-events", null, utf8("{\"offsetSec\": 1, \"text\": \"t\"}")))
                .isInstanceOf(IngestException.class).hasMessageContaining("names no VOD");
        assertThatThrownBy(() -> values.chatEvent("chat-events", "v7", utf8("[{\"vodId\": \"other\", \"text\": \"t\"}]")))
                .isInstanceOf(IngestException.class).hasMessageContaining("belongs to VOD 'other'");
        assertThatThrownBy(() -> values.chatEvent("chat-events", "v8", utf8("\"text\"")))
                .isInstanceOf(IngestValues.MalformedValueException.class);
    }

    private static ChatMessage message(String vodId, String id, double offset) {
        return ChatMessage.newBuilder().setMessageId(id).setVodId(vodId).setOffsetSec(offset).setEpochMs(null)
                .setAuthor(new ChatAuthor("7", "alice", "Alice", "#FF0000")).setText("hi").setEmotes(new ArrayList<>())
                .setBadges(new ArrayList<>()).setBits(0).setReplyParentId(null).setType(ChatMessageType.CHAT)
                .setSource(null).build();
    }
}
