package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.TestHttpServer;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With one chat import allowed in line ({@code ingest.chat.max-queued-imports=1}), a registration with chat while
 * another import runs is answered 503 CHAT_IMPORTS_BUSY and publishes nothing; once the running import ends (here at
 * the 8 s import deadline of a stalled download), the same registration is accepted.
 */
@QuarkusTest
@TestProfile(ChatImportsBusyTest.OneImportAtATime.class)
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class ChatImportsBusyTest {

    public static class OneImportAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.chat.max-queued-imports", "1");
        }
    }

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aRegistrationWithChatIsRefusedWhileTheImportsAreFullAndAcceptedAfter() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", "busy-a-" + u, "channel", "c", "title", "Stalled chat", "mediaUri",
                        TestMedia.uri("av.mp4"), "chatUri", TestHttpServer.baseUrl() + "/stalled-chat.json"))
                .post("/api/vods").then().statusCode(202);
        Map<String, Object> second = Api.vod("id", "busy-b-" + u, "channel", "c", "title", "Second",
                "mediaUri", TestMedia.uri("av.mp4"), "chatUri", TestMedia.uri("chat/twitch-downloader.json"));
        given().contentType(ContentType.JSON).body(second).post("/api/vods").then().statusCode(503)
                .contentType("application/problem+json").body("errorCode", equalTo("CHAT_IMPORTS_BUSY"))
                .body("detail", containsString("ingest.chat.max-queued-imports"));
        given().get("/api/vods/busy-b-" + u).then().statusCode(404); // nothing was published
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(second).post("/api/vods").then().statusCode(202));
    }
}
