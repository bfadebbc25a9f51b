package dev.highlights.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decodes serializer output by hand: 0x00, the id big-endian, then plain Avro binary. */
class WireFormatTest {
    private static final String SCOPE = "wire-format";
    private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    @Test
    void framesAvroBinaryBehindMagicByteAndBigEndianId() throws Exception {
        ChatMessage message = ChatMessage.newBuilder()
                .setMessageId("m-1").setVodId("vod-1").setOffsetSec(12.5)
                .setAuthor(ChatAuthor.newBuilder().setName("viewer").build())
                .setText("KEKW that was close")
                .setEmotes(List.of(Emote.newBuilder().setName("KEKW").setBegin(0).setEnd(3).build()))
                .setType(ChatMessageType.CHAT)
                .build();

        byte[] bytes = new AvroSerializer<ChatMessage>(config, false).serialize("chat-messages", message);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SchemaRegistryClient registry = SchemaRegistryClients.forConfig(AvroSerdeConfig.from(config));
        assertThat(registry.schemaById(id)).isEqualTo(ChatMessage.getClassSchema());
        assertThat(registry.lookupId("chat-messages-value", ChatMessage.getClassSchema())).isEqualTo(id);

        GenericRecord decoded = new GenericDatumReader<GenericRecord>(ChatMessage.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(decoded.get("messageId").toString()).isEqualTo("m-1");
        assertThat(decoded.get("offsetSec")).isEqualTo(12.5);
        assertThat(decoded.get("text").toString()).isEqualTo("KEKW that was close");

        // The first Avro field is the string "m-1": zig-zag length 3 -> 0x06, then the UTF-8 bytes.
        assertThat(bytes[5]).isEqualTo((byte) 0x06);
        assertThat(new String(bytes, 6, 3, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("m-1");
    }
}
