package dev.highlights.ingest.views;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.Stage;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.Records;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The views survive restarts: this profile starts a new instance of the service, with an empty state directory
 * and in-memory stores, after status and highlight records were written to the topics while no instance of it
 * was running (the seed resource writes them before the application starts). Everything the views show comes
 * from rebuilding them from the topics.
 */
@QuarkusTest
@TestProfile(ViewsRebuildTest.Restarted.class)
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class ViewsRebuildTest extends ReadyService {
    static final String VOD = "rebuilt-" + UUID.randomUUID().toString().substring(0, 8);

    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.views.persistent", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Seed.class));
        }
    }

    /** Runs before the application starts. */
    public static class Seed implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            KafkaTestClients.produce(Topics.VODS.name(), VOD, Records.vod(VOD, 2));
            KafkaTestClients.produce(Topics.PIPELINE_STATUS.name(), VOD,
                    Records.segmentDone(VOD, Stage.VIDEO, 0, 2, 7),
                    Records.segmentDone(VOD, Stage.VIDEO, 1, 2, 15),
                    Records.error(VOD, Stage.AUDIO, 1, "MODEL_FAILED", "model failed"));
            KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), VOD,
                    Records.event(Records.highlight(VOD, "x", 1, 2, 14, 1.0)),
                    Records.event(Records.highlight(VOD, "x", 3, 1, 14, 1.4)),
                    Records.summary(VOD, new ArrayList<>(List.of(Records.highlight(VOD, "x", 3, 1, 14, 1.4)))));
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }



    @Test
    void viewsAreRebuiltFromTheTopics() {
        // Ready means the global stores were restored, so the answer is complete at once.
        given().get("/api/vods/" + VOD).then().statusCode(200)
                .body("title", equalTo("Seeded " + VOD))
                .body("stages.VIDEO.state", equalTo("COMPLETED"))
                .body("stages.VIDEO.segmentsDone", is(2))
                .body("stages.VIDEO.lastSecond", is(15))
                .body("stages.AUDIO.errorCount", is(1))
                .body("highlights.final", is(true))
                .body("highlights.items.highlightId", contains("x"))
                .body("highlights.items[0].revision", is(3));
        given().get("/api/vods/" + VOD + "/highlights").then().statusCode(200).body("items.rank", contains(1));
    }
}
