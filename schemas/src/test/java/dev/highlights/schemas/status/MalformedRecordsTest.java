package dev.highlights.schemas.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.schemas.serde.AvroDeserializationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MalformedRecordsTest {

    @Test
    void describesTheRecordAndTheReason() {
        var error = new AvroDeserializationException("chat-messages", -1, "unknown magic byte 0x7b", null);
        PipelineStatus status = MalformedRecords.status(Stage.CHAT, "chat-messages", 3, 17,
                "vod-9".getBytes(StandardCharsets.UTF_8), error, 1234L);
        assertThat(status.getVodId()).isEqualTo("vod-9");
        assertThat(status.getKind()).isEqualTo(StatusKind.ERROR);
        assertThat(status.getErrorCode()).isEqualTo("MALFORMED_RECORD");
        assertThat(status.getEventId()).isEqualTo("CHAT/malformed/chat-messages/3/17");
        assertThat(status.getMessage()).contains("chat-messages-3@17").contains("unknown magic byte 0x7b");
        assertThat(status.getTimestampMs()).isEqualTo(1234L);
    }

    @Test
    void keysThatAreNotTextBecomeUnknown() {
        assertThat(MalformedRecords.vodIdOf(null)).isEqualTo("unknown");
        assertThat(MalformedRecords.vodIdOf(new byte[] {(byte) 0xff, (byte) 0xfe})).isEqualTo("unknown");
    }
}
