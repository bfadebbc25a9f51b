package dev.highlights.ingest.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.Stage;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.Records;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The status and highlight views, fed by records other stages write (produced here directly), and the SSE
 * stream of highlights.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class HighlightViewsTest extends ReadyService {

    @TestHTTPResource("/")
    URI base;



    @Test
    void statusAndHighlightsAreFoldedPerVod() {
        String id = "views-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestClients.produce(Topics.VODS.name(), id, Records.vod(id, 3));
        KafkaTestClients.produce(Topics.PIPELINE_STATUS.name(), id,
                Records.segmentDone(id, Stage.AUDIO, 0, 3, 7),
                Records.segmentDone(id, Stage.AUDIO, 1, 3, 15),
                Records.segmentDone(id, Stage.AUDIO, 1, 3, 15), // a redelivery
                Records.error(id, Stage.VIDEO, 2, "MEDIA_DECODE_FAILED", "decoding failed at 17 s"),
                Records.chatProgress(id, 42));
        Highlight h1 = Records.highlight(id, "h1", 1, 10, 25, 1.5);
        Highlight h1r2 = Records.highlight(id, "h1", 2, 9, 26, 1.7);
        Highlight h2 = Records.highlight(id, "h2", 1, 30, 50, 2.0);
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.event(h1), Records.event(h2), Records.event(h1r2),
                Records.event(Records.highlight(id, "h1", 1, 10, 25, 1.5))); // a late lower revision changes nothing

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .statusCode(200)
                .body("stages.AUDIO.state", equalTo("RUNNING"))
                .body("stages.AUDIO.segmentsDone", is(2))
                .body("stages.AUDIO.segmentsTotal", is(3))
                .body("stages.AUDIO.lastSecond", is(15))
                .body("stages.VIDEO.state", equalTo("RUNNING"))
                .body("stages.VIDEO.errorCount", is(1))
                .body("stages.VIDEO.errors[0].errorCode", equalTo("MEDIA_DECODE_FAILED"))
                .body("stages.CHAT.lastSecond", is(42))
                .body("highlights.count", is(2))
                .body("highlights.final", is(false)));
        given().get("/api/vods/" + id + "/highlights").then().statusCode(200)
                .body("items.highlightId", contains("h1", "h2"))
                .body("items[0].revision", is(2))
                .body("items[0].startSec", is(9.0f));

        // The summary ranks them (h2 first here) and makes the list final.
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.summary(id,
                new ArrayList<>(List.of(Records.highlight(id, "h2", 1, 30, 50, 2.0), Records.highlight(id, "h1", 2, 9, 26, 1.7)))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id + "/highlights")
                .then().statusCode(200)
                .body("final", is(true))
                .body("ordering", equalTo("DURATION_THEN_MEAN_SCORE"))
                .body("items.highlightId", contains("h2", "h1"))
                .body("items.rank", contains(1, 2)));
        KafkaTestClients.produce(Topics.PIPELINE_STATUS.name(), id, Records.segmentDone(id, Stage.AUDIO, 2, 3, 23));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .body("stages.AUDIO.state", equalTo("COMPLETED")).body("stages.AUDIO.lastSecond", is(23)));
    }

    @Test
    void highlightsStreamAsServerSentEventsUntilTheSummary() throws Exception {
        String id = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestClients.produce(Topics.VODS.name(), id, Records.vod(id, 2));
        Highlight early = Records.highlight(id, "a", 1, 5, 20, 1.0);
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.event(early));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id + "/highlights")
                .then().statusCode(200).body("items.highlightId", hasItem("a")));

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/vods/" + id + "/highlights/stream"))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Void>> done = client.sendAsync(request,
                HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String item) {
                        lines.add(item);
                    }

                    @Override
                    public void onError(Throwable t) {
                        lines.add("ERROR " + t);
                    }

                    @Override
                    public void onComplete() {
                        lines.add("<closed>");
                    }
                }));
        // The snapshot first.
        assertThat(nextData(lines, "highlight")).contains("\"highlightId\":\"a\"").contains("\"revision\":1");
        // Then the stages, as GET /api/vods/{id} shows them.
        assertThat(nextData(lines, "progress")).contains("\"AUDIO\":{\"state\":\"PENDING\"");
        // Keep-alive comments come and the stream stays open.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean comment = false;
        while (!comment && System.nanoTime() < until) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            assertThat(line).isNotIn("<closed>");
            comment = line != null && line.startsWith(":");
        }
        assertThat(comment).as("a keep-alive comment").isTrue();
        // Stage progress as GET /api/vods/{id} shows it: at connect time (above), then as status events move it.
        KafkaTestClients.produce(Topics.PIPELINE_STATUS.name(), id,
                IngestStatus.absent(id, Stage.AUDIO, "no audio track", System.currentTimeMillis()));
        assertThat(nextData(lines, "progress", "\"AUDIO\":{\"state\":\"ABSENT\""))
                .contains("\"progress\":1.0").contains("no audio track");
        // Then live changes: a new highlight, a higher revision, then the summary, after which the stream ends.
        Highlight b = Records.highlight(id, "b", 1, 30, 45, 2.0);
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.event(b));
        assertThat(nextData(lines, "highlight")).contains("\"highlightId\":\"b\"");
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.event(Records.highlight(id, "a", 2, 4, 21, 1.2)));
        assertThat(nextData(lines, "highlight")).contains("\"highlightId\":\"a\"").contains("\"revision\":2");
        KafkaTestClients.produce(Topics.HIGHLIGHTS.name(), id, Records.summary(id, new ArrayList<>(List.of(
                Records.highlight(id, "a", 2, 4, 21, 1.2), Records.highlight(id, "b", 1, 30, 45, 2.0)))));
        String summary = nextData(lines, "summary");
        assertThat(summary).contains("\"final\":true").contains("\"rank\":1");
        assertThat(done.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        given().get("/api/vods/unknown-sse/highlights/stream").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** Skips to the next event of that name and returns its data line. */
    private static String nextData(BlockingQueue<String> lines, String event) throws InterruptedException {
        return nextData(lines, event, "");
    }

    /** Skips to the next event of that name whose data contains {@code containing}, and returns its data line. */
    private static String nextData(BlockingQueue<String> lines, String event, String containing)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean inEvent = false;
        while (System.nanoTime() < end) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("ERROR ") || line.equals("<closed>")) {
                throw new AssertionError("stream ended before a '" + event + "' event: " + line);
            }
            if (line.startsWith("event:")) {
                inEvent = line.substring(6).trim().equals(event);
            } else if (inEvent && line.startsWith("data:") && line.contains(containing)) {
                return line.substring(5).trim();
            }
        }
        throw new AssertionError("no '" + event + "' event within 30 s");
    }
}
