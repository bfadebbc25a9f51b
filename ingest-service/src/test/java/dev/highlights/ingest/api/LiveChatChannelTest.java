package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.IrcChatter;
import dev.highlights.localstack.LocalIrcServer;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A live VOD whose chatUri names its channel: ingest reads the channel's chat as it airs from a real IRC server
 * (ngircd on loopback), connects again when the server goes away, and stops at the VOD's end.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class LiveChatChannelTest extends ReadyService {

    private static List<ChatMessage> chat(String id, int atLeast) {
        return KafkaTestClients.<ChatMessage>read(Topics.CHAT_MESSAGES.name(), r -> id.equals(r.key()),
                l -> l.size() >= atLeast, Duration.ofSeconds(30), Duration.ofMillis(500))
                .stream().map(KafkaTestClients.Read::value).toList();
    }

    @Test
    void theChannelsChatIsReadAsItAirsAcrossAServerRestartUntilTheEnd() throws Exception {
        try (LocalIrcServer server = LocalIrcServer.start()) {
            String id = "irc-" + UUID.randomUUID().toString().substring(0, 8);
            String channel = "#stream_" + id.substring(4);
            given().contentType(ContentType.JSON)
                    .body(Api.vod("id", id, "channel", "c", "title", "On air", "mediaUri", TestMedia.uri("av.mp4"),
                            "live", true, "chatUri", "irc://127.0.0.1:" + server.port() + "/" + channel,
                            "streamStartEpochMs", System.currentTimeMillis() - 1000))
                    .post("/api/vods").then().statusCode(202).body("live", is(true));

            try (IrcChatter alice = IrcChatter.connect(server.port(), "alice")) {
                alice.join(channel);
                alice.awaitMember(channel, "justinfan", 20_000); // ingest's anonymous reader is in
                alice.say(channel, "hello PogChamp");
                alice.say(channel, "\u0001ACTION waves\u0001");
                List<ChatMessage> first = chat(id, 2);
                assertThat(first).extracting(m -> m.getAuthor().getName()).containsExactly("alice", "alice");
                assertThat(first).extracting(ChatMessage::getText).containsExactly("hello PogChamp", "waves");
                assertThat(first).extracting(ChatMessage::getType)
                        .containsExactly(ChatMessageType.CHAT, ChatMessageType.ACTION);
                assertThat(first).allSatisfy(m -> assertThat(m.getOffsetSec()).isBetween(0.0, 60.0));
            }

            server.restart(); // every connection drops; the reader connects again (backoff from 1 s)
            try (IrcChatter bob = IrcChatter.connect(server.port(), "bob")) {
                bob.join(channel);
                bob.awaitMember(channel, "justinfan", 20_000);
                bob.say(channel, "back again");
            }
            assertThat(chat(id, 3)).extracting(ChatMessage::getText)
                    .containsExactly("hello PogChamp", "waves", "back again");

            given().post("/api/vods/" + id + "/end").then().statusCode(202).body("ended", is(true));
            List<ChatMessage> all = chat(id, 4);
            assertThat(all.get(3).getType()).isEqualTo(ChatMessageType.END_OF_CHAT);
            assertThat(all.get(3).getText()).isEqualTo("3");
        }
    }

    @Test
    void aLiveChatUriMustNameAnIrcChannelAndAStreamStart() {
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"), "live", true,
                        "chatUri", TestMedia.uri("chat/twitch-downloader.json")))
                .post("/api/vods").then().statusCode(400).body("detail", containsString("names the channel"));
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"), "live", true,
                        "chatUri", "ircs://irc.chat.twitch.tv:6697/#somechannel"))
                .post("/api/vods").then().statusCode(400).body("detail", containsString("needs streamStartEpochMs"));
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", "ircs://irc.chat.twitch.tv:6697/#somechannel"))
                .post("/api/vods").then().statusCode(400).body("detail", containsString("\"live\": true"));
        // The channel's host passes the location policy like any URL: here only 127.0.0.1 and localhost are allowed.
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"), "live", true,
                        "streamStartEpochMs", 1_700_000_000_000L, "chatUri", "ircs://irc.example.net/#somechannel"))
                .post("/api/vods").then().statusCode(403).body("detail", containsString("not allowed"));
    }
}
