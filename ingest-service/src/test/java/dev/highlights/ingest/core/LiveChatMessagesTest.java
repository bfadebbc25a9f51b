package dev.highlights.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.chatimport.ChatMessages;
import org.junit.jupiter.api.Test;

class LiveChatMessagesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private ChatMessage convert(String json, Long start) throws Exception {
        JsonNode node = mapper.readTree(json);
        return LiveChatMessages.toRecord("v", start, node, 0);
    }

    @Test
    void minimalMessageGetsAHashedId() throws Exception {
        ChatMessage m = convert("{\"offsetSec\": 3.5, \"author\": \"Alice\", \"text\": \"hi\"}", null);
        assertThat(m.getMessageId()).isEqualTo(ChatMessages.hashedId("v", 3.5, "alice", "hi"));
        assertThat(m.getAuthor().getDisplayName()).isEqualTo("Alice");
        assertThat(m.getType()).isEqualTo(ChatMessageType.CHAT);
        assertThat(m.getSource()).isEqualTo("live");
        assertThat(m.getEmotes()).isEmpty();
        assertThat(convert("{\"offsetSec\": 3.5, \"author\": \"Alice\", \"text\": \"hi\"}", null)).isEqualTo(m);
    }

    @Test
    void epochTimesMapThroughTheStreamStart() throws Exception {
        ChatMessage m = convert("{\"id\": \"x\", \"epochMs\": 10500, \"author\": {\"name\": \"Bob\", \"id\": \"9\"}, "
                + "\"text\": \"t\", \"badges\": [{\"name\": \"vip\"}], \"bits\": 5}", 10_000L);
        assertThat(m.getOffsetSec()).isEqualTo(0.5);
        assertThat(m.getEpochMs()).isEqualTo(10_500L);
        assertThat(m.getAuthor().getName()).isEqualTo("bob");
        assertThat(m.getAuthor().getId()).isEqualTo("9");
        assertThat(m.getBadges().get(0).getVersion()).isEqualTo("1");
        assertThat(m.getType()).isEqualTo(ChatMessageType.CHEER);
    }

    @Test
    void unusableMessagesSayWhy() {
        assertThatThrownBy(() -> convert("{\"author\": \"a\", \"text\": \"t\"}", null)).hasMessageContaining("offsetSec or epochMs");
        assertThatThrownBy(() -> convert("{\"epochMs\": 5, \"author\": \"a\", \"text\": \"t\"}", null))
                .hasMessageContaining("streamStartEpochMs");
        assertThatThrownBy(() -> convert("{\"epochMs\": 5, \"author\": \"a\", \"text\": \"t\"}", 10L)).hasMessageContaining("before");
        assertThatThrownBy(() -> convert("{\"offsetSec\": 1, \"text\": \"t\"}", null)).hasMessageContaining("no author");
        assertThatThrownBy(() -> convert("{\"offsetSec\": 1, \"author\": \"a\"}", null)).hasMessageContaining("no text");
        assertThatThrownBy(() -> convert("{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"t\", \"type\": \"END_OF_CHAT\"}", null))
                .hasMessageContaining("POST .../end");
        assertThatThrownBy(() -> convert("{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"t\", \"emotes\": [{\"name\": \"K\"}]}", null))
                .hasMessageContaining("emote");
        assertThatThrownBy(() -> convert("[1]", null)).hasMessageContaining("not a JSON object");
    }
}
