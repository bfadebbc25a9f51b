package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code ingest.api-key} set, /api/* needs the key; /q/* is on the management port, which needs none. */
@QuarkusTest
@TestProfile(ApiKeyTest.WithApiKey.class)
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class ApiKeyTest extends ReadyService {

    public static class WithApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.api-key", "s3cret", "ingest.api-key-header", "X-Api-Key");
        }
    }



    @Test
    void apiNeedsTheKey() {
        given().get("/api/vods/anything").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("ApiKey"))
                .body("type", equalTo("urn:highlights:problem:unauthorized"))
                .body("status", is(401))
                .body("detail", containsString("X-Api-Key"));
        given().header("X-Api-Key", "wrong").get("/api/vods/anything").then().statusCode(401)
                .body("detail", containsString("wrong"));
        given().contentType(ContentType.JSON).body("{}").post("/api/vods").then().statusCode(401);
        given().header("X-Api-Key", "s3cret").get("/api/vods/anything").then().statusCode(404);
        String id = "key-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-Api-Key", "s3cret").contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "t", "mediaUri", TestMedia.uri("video-only.mp4")))
                .post("/api/vods").then().statusCode(202);
        given().header("X-Api-Key", "s3cret").get("/api/vods/" + id).then().statusCode(200);
        // Probes and Prometheus need no key: they use the management port, which a Service does not expose.
        given().get(management + "health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
