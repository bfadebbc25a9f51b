package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.highlights.samples.PlantedMoment;
import dev.highlights.samples.SampleSpec;
import dev.highlights.samples.SampleVod;
import dev.highlights.samples.SampleVodFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live stream on the whole pipeline: registered with {@code live: true}, its chat pushed in batches over REST as
 * it "happens", then ended. Nothing analyses live media in this deployment, so fusion follows chat alone; the
 * planted hype moments (chat bursts) must still come out as highlights, and the chat-spike decoy must not.
 */
class LiveEndToEndTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void liveChatPushedInBatchesGivesTheHypeHighlightsBeforeAndAtTheEnd() throws Exception {
        SampleVodFiles sample = SampleVod.ensure(REPOSITORY.resolve(".highlights/sample"), SampleSpec.defaults());
        Path data = Path.of("target/live-end-to-end"); // kept for the service logs when this fails
        HighlightsCli.deleteRecursively(data);
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(REPOSITORY,
                new EmbeddedPipeline.Options(data, false, List.of(sample.directory()))).start(line -> { })) {
            String base = pipeline.ingestUrl() + "/api/vods";
            String vodId = "live-sample";
            post(base, JSON.createObjectNode().put("id", vodId).put("channel", "live").put("title", "live sample")
                    .put("mediaUri", sample.video().toUri().toString()).put("live", true).toString());

            // The chat, in 20-second batches, as a chat relay would push it.
            JsonNode comments = JSON.readTree(sample.chat().toFile()).path("comments");
            ArrayNode batch = JSON.createArrayNode();
            double batchEnd = 20;
            for (JsonNode c : comments) {
                double offset = c.path("content_offset_seconds").asDouble();
                if (offset >= batchEnd && !batch.isEmpty()) {
                    post(base + "/" + vodId + "/chat", batch.toString());
                    batch = JSON.createArrayNode();
                    batchEnd += 20;
                }
                batch.addObject().put("id", c.path("_id").asText()).put("offsetSec", offset)
                        .put("author", c.path("commenter").path("name").asText())
                        .put("text", c.path("message").path("body").asText());
            }
            post(base + "/" + vodId + "/chat", batch.toString());

            // Before the end: the stream keeps flowing on chat alone (no media stage ever reports).
            IngestClient ingest = new IngestClient(pipeline.ingestUrl());
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (Report.highlights(ingest.view(vodId)).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            // The earlier hype moments are out while the stream is still live (the last may need the end to close).
            assertThat(Report.highlights(ingest.view(vodId)).size()).isGreaterThanOrEqualTo(2);
            post(base + "/" + vodId + "/end", "");
            JsonNode view = ingest.view(vodId);
            while (!view.path("highlights").path("final").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                view = ingest.view(vodId);
            }
            assertThat(view.path("highlights").path("final").asBoolean()).as(view.toString()).isTrue();
            assertThat(view.path("stages").path("AUDIO").path("state").asText()).isEqualTo("ABSENT");

            List<Report.Highlight> highlights = Report.highlights(view);
            for (PlantedMoment moment : sample.moments()) {
                // Chat alone cannot tell the static-screen spam apart (that needs video); the rest must hold.
                if (moment.kind().name().equals("DECOY_STATIC_SCREEN")) {
                    continue;
                }
                double overlap = highlights.stream().mapToDouble(h -> moment.overlapSec(h.startSec(), h.endSec()))
                        .sum();
                if (moment.expectHighlight()) {
                    assertThat(overlap).as("%s in %s", moment, highlights).isPositive();
                } else if (moment.kind().name().startsWith("DECOY")) {
                    assertThat(overlap).as("%s in %s", moment, highlights).isZero();
                }
            }
        }
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(202);
    }
}
