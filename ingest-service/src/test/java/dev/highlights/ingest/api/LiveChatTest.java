package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Live VODs: chat pushed in batches (JSON array or NDJSON), then the end. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class LiveChatTest extends ReadyService {
    private static final long START = 1_704_110_400_000L;



    @Test
    void liveChatBatchesAreChatMessagesWithDeterministicIdsUntilTheEnd() {
        String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Live now", "mediaUri", TestMedia.uri("av.mp4"),
                        "live", true, "streamStartEpochMs", START))
                .post("/api/vods").then().statusCode(202)
                .body("live", is(true)).body("segmentCount", nullValue()).body("durationSec", nullValue())
                .body("links.chat", equalTo("/api/vods/" + id + "/chat"));

        String batch = """
                [{"offsetSec": 1.5, "author": "Alice", "text": "hello Kappa",
                  "emotes": [{"id": "25", "name": "Kappa", "begin": 6, "end": 10}], "badges": ["subscriber/12"]},
                 {"id": "m-2", "epochMs": 1704110403250, "author": {"id": "7", "name": "Bob", "color": "#FF0000"},
                  "text": "cheer100 nice", "bits": 100},
                 {"offsetSec": 4, "author": "carol", "text": "/me waves", "type": "action"}]""";
        given().contentType(ContentType.JSON).body(batch).post("/api/vods/" + id + "/chat").then().statusCode(202)
                .body("accepted", is(3)).body("lastOffsetSec", is(4.0f));
        // The same batch again: same records (same ids), counted once by the views.
        given().contentType(ContentType.JSON).body(batch).post("/api/vods/" + id + "/chat").then().statusCode(202);
        given().contentType("application/x-ndjson")
                .body("{\"offsetSec\": 5, \"author\": \"dave\", \"text\": \"one\"}\n{\"offsetSec\": 6.25, \"author\": \"erin\", \"text\": \"two\"}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/vods/" + id + "/chat").then().statusCode(202).body("accepted", is(2));

        // One bad message refuses the whole batch.
        given().contentType(ContentType.JSON)
                .body("[{\"offsetSec\": 7, \"author\": \"x\", \"text\": \"ok\"}, {\"author\": \"y\", \"text\": \"no time\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("message 1 needs offsetSec or epochMs"));
        given().contentType(ContentType.TEXT).body("hi").post("/api/vods/" + id + "/chat").then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/x-ndjson").body("{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"x\"}\n{oops\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/vods/" + id + "/chat").then().statusCode(400).body("detail", containsString("line 2"));
        given().contentType(ContentType.JSON).body("[" + "{\"offsetSec\":1,\"author\":\"a\",\"text\":\"x\"},".repeat(1000) + "{}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[{\"offsetSec\":1,\"author\":\"a\",\"text\":\"" + "x".repeat(300_000) + "\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(413);

        // Views count each batch once (the repeated one is recognised by its status event id).
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .statusCode(200).body("stages.INGEST.state", equalTo("RUNNING")).body("stages.INGEST.lastSecond", is(6)));

        given().post("/api/vods/" + id + "/end").then().statusCode(202).body("ended", is(true));
        given().post("/api/vods/" + id + "/end").then().statusCode(202).body("ended", is(true));
        given().contentType(ContentType.JSON).body("[{\"offsetSec\": 9, \"author\": \"late\", \"text\": \"bye\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(409)
                .body("errorCode", equalTo("VOD_ENDED"));

        List<ChatMessage> chat = KafkaTestClients.readKey(Topics.CHAT_MESSAGES.name(), id, 9);
        assertThat(chat).hasSize(9);
        List<ChatMessage> first = chat.subList(0, 3);
        assertThat(chat.subList(3, 6)).isEqualTo(first);
        assertThat(first.get(0).getMessageId()).hasSize(32);
        assertThat(first.get(0).getAuthor().getName()).isEqualTo("alice");
        assertThat(first.get(0).getEmotes()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("Kappa"));
        assertThat(first.get(0).getBadges()).singleElement().satisfies(b -> assertThat(b.getVersion()).isEqualTo("12"));
        assertThat(first.get(1).getMessageId()).isEqualTo("m-2");
        assertThat(first.get(1).getOffsetSec()).isEqualTo(3.25);
        assertThat(first.get(1).getType()).isEqualTo(ChatMessageType.CHEER);
        assertThat(first.get(2).getType()).isEqualTo(ChatMessageType.ACTION);
        assertThat(chat).allSatisfy(m -> assertThat(m.getSource()).isEqualTo("live"));
        ChatMessage end = chat.get(8);
        assertThat(end.getType()).isEqualTo(ChatMessageType.END_OF_CHAT);
        assertThat(end.getOffsetSec()).isEqualTo(6.0);
        assertThat(end.getText()).isEqualTo("5");

        List<PipelineStatus> status = KafkaTestClients.readKey(Topics.PIPELINE_STATUS.name(), id, 7);
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getEventId()).isEqualTo("ingest/live/ended"));
        // Live media that is not an HLS playlist is not followed: fusion is told to follow chat alone.
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.MODALITY_ABSENT)
                .extracting(s -> s.getStage().name()).containsExactlyInAnyOrder("AUDIO", "VIDEO");
        given().get("/api/vods/" + id).then().statusCode(200)
                .body("stages.AUDIO.state", equalTo("ABSENT")).body("stages.VIDEO.state", equalTo("ABSENT"));
        // And no work items for it.
        assertThat(KafkaTestClients.<MediaSegment>read(Topics.MEDIA_SEGMENTS.name(), r -> id.equals(r.value().getVodId()),
                l -> false, Duration.ofSeconds(2), Duration.ZERO)).isEmpty();
    }

    @Test
    void offsetsPastWhatTheStreamCanHaveReachedAreRefused() {
        String id = "live-far-" + UUID.randomUUID().toString().substring(0, 8);
        long startedTenSecondsAgo = System.currentTimeMillis() - 10_000;
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Live now", "mediaUri", TestMedia.uri("av.mp4"),
                        "live", true, "streamStartEpochMs", startedTenSecondsAgo))
                .post("/api/vods").then().statusCode(202);
        // One message 600 000 s into a stream that began 10 s ago used to open a week of empty seconds downstream.
        given().contentType(ContentType.JSON).body("[{\"offsetSec\": 600000, \"author\": \"a\", \"text\": \"hi\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(400).contentType("application/problem+json")
                .body("errorCode", equalTo("CHAT_MESSAGE_INVALID"))
                .body("detail", containsString("message 0 is at 600000.0 s, later than the stream can have reached"));
        given().contentType(ContentType.JSON).body("[{\"offsetSec\": -3, \"author\": \"a\", \"text\": \"hi\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(400).body("detail", containsString("before the start"));
        // Within the time since the start plus the slack (60 s): accepted.
        given().contentType(ContentType.JSON).body("[{\"offsetSec\": 45, \"author\": \"a\", \"text\": \"hi\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(202).body("accepted", is(1));
    }

    @Test
    void chatAndEndNeedAKnownLiveVod() {
        given().contentType(ContentType.JSON).body("[]").post("/api/vods/unknown-live/chat").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/vods/unknown-live/end").then().statusCode(404);
        String id = "notlive-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "VOD", "mediaUri", TestMedia.uri("video-only.mp4")))
                .post("/api/vods").then().statusCode(202);
        given().contentType(ContentType.JSON).body("[{\"offsetSec\": 1, \"author\": \"a\", \"text\": \"x\"}]")
                .post("/api/vods/" + id + "/chat").then().statusCode(409).body("errorCode", equalTo("VOD_NOT_LIVE"));
        given().post("/api/vods/" + id + "/end").then().statusCode(409);
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "Live", "mediaUri", TestMedia.uri("av.mp4"), "live", true,
                        "chatUri", TestMedia.uri("chat/twitch-irc.log")))
                .post("/api/vods").then().statusCode(400).body("detail", containsString("POST /api/vods/{id}/chat"));
    }
}
