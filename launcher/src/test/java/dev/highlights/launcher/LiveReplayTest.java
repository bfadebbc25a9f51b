package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTwitchDownloaderExportBecomesLiveChatInOffsetOrderWithItsEmotesBadgesAndBits() throws Exception {
        List<ObjectNode> messages = LiveReplay.liveMessages(JSON.readTree("""
                {"comments": [
                  {"_id": "b", "content_offset_seconds": 12.5, "commenter": {"_id": "7", "name": "bob"},
                   "message": {"body": "nice Kappa", "bits_spent": 100, "is_action": true,
                     "fragments": [{"text": "nice ", "emoticon": null},
                                   {"text": "Kappa", "emoticon": {"emoticon_id": "25"}}],
                     "user_badges": [{"_id": "subscriber", "version": "12"}]}},
                  {"_id": "a", "content_offset_seconds": 3.25, "commenter": {"_id": "6", "display_name": "Alice"},
                   "message": {"body": "hi", "fragments": [{"text": "hi", "emoticon": null}]}}
                ]}"""));
        assertThat(messages).extracting(m -> m.path("id").asText()).containsExactly("a", "b");
        assertThat(messages.get(0).toString()).isEqualTo(
                "{\"id\":\"a\",\"offsetSec\":3.25,\"author\":{\"id\":\"6\",\"name\":\"Alice\"},\"text\":\"hi\"}");
        assertThat(messages.get(1).toString()).isEqualTo("{\"id\":\"b\",\"offsetSec\":12.5,"
                + "\"author\":{\"id\":\"7\",\"name\":\"bob\"},\"text\":\"nice Kappa\","
                + "\"emotes\":[{\"id\":\"25\",\"name\":\"Kappa\",\"begin\":5,\"end\":9}],"
                + "\"badges\":[\"subscriber/12\"],\"bits\":100,\"type\":\"ACTION\"}");
    }

    @Test
    void otherChatFormatsAreRefused() {
        assertThatThrownBy(() -> LiveReplay.liveMessages(JSON.readTree("[{\"message\": \"x\"}]")))
                .isInstanceOf(UsageException.class).hasMessageContaining("TwitchDownloader JSON");
    }
}
