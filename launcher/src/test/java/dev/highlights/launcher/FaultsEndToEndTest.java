package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.samples.SampleSpec;
import dev.highlights.samples.SampleVod;
import dev.highlights.samples.SampleVodFiles;
import dev.highlights.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fault suite on the real stack, in one pipeline: an undisturbed run of the sample VOD, then two faulted runs of
 * the same media. In the first, the schema registry is stopped and, during the outage, the audio worker, chat-service
 * and fusion are killed (SIGKILL) and started again with cold schema caches. In the second, ingest and the video
 * worker are killed and started again, then the broker itself is restarted. Each faulted VOD's final highlights
 * equal the undisturbed run's, and on the highlights topic (read_committed, as consumers read it) every highlight
 * revision and the summary appear once.
 */
class FaultsEndToEndTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void crashesOfEveryServiceABrokerRestartAndARegistryOutageMidVodLoseAndDuplicateNoHighlight() throws Exception {
        Path data = Path.of("target/faults"); // kept when this fails: the services' logs are there
        HighlightsCli.deleteRecursively(data);
        SampleVodFiles sample = SampleVod.ensure(REPOSITORY.resolve(".highlights/sample"), SampleSpec.defaults());
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(REPOSITORY,
                new EmbeddedPipeline.Options(data, false, List.of(sample.directory()))).start(line -> { })) {
            IngestClient ingest = new IngestClient(pipeline.ingestUrl());
            String calm = ingest.register("calm", "sample", sample.video().toUri(), sample.chat().toUri());
            List<String> undisturbed = FinalHighlights.of(ingest, calm, pipeline);
            assertThat(undisturbed).isNotEmpty();

            String faulted = ingest.register("faulted-" + UUID.randomUUID().toString().substring(0, 6), "sample",
                    sample.video().toUri(), sample.chat().toUri());
            awaitAudioProgress(ingest, faulted);
            pipeline.stack().stopRegistry();
            try {
                // Each comes back with a cold schema cache while the registry is away: it must wait, never skip.
                pipeline.restartService("audio", true); // mid-segment: its work items are taken again
                pipeline.restartService("chat", true);
                pipeline.restartService("fusion", true);
                Thread.sleep(10_000);
            } finally {
                pipeline.stack().startRegistry();
            }
            assertSameHighlightsOnceEach(pipeline, ingest, faulted, undisturbed);

            String restarted = ingest.register("restarted-" + UUID.randomUUID().toString().substring(0, 6), "sample",
                    sample.video().toUri(), sample.chat().toUri());
            awaitAudioProgress(ingest, restarted);
            pipeline.restartService("ingest", true); // its views are rebuilt; its front door reads on
            pipeline.restartService("video", true);
            pipeline.stack().restart(); // every client loses the broker, and open transactions with it
            assertSameHighlightsOnceEach(pipeline, new IngestClient(pipeline.ingestUrl()), restarted, undisturbed);
        }
    }

    private static void assertSameHighlightsOnceEach(EmbeddedPipeline pipeline, IngestClient ingest, String vodId,
                                                     List<String> undisturbed) throws Exception {
        assertThat(FinalHighlights.of(ingest, vodId, pipeline)).as("final highlights of %s", vodId)
                .isEqualTo(undisturbed);
        List<HighlightEvent> events = TopicReads.toEnd(pipeline, Topics.HIGHLIGHTS.name(), HighlightEvent.class,
                (key, event) -> vodId.equals(key));
        List<String> revisions = events.stream().filter(e -> e.getPayload() instanceof Highlight)
                .map(e -> (Highlight) e.getPayload()).map(h -> h.getHighlightId() + "#" + h.getRevision()).toList();
        assertThat(revisions).isNotEmpty().doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e.getPayload() instanceof VodHighlightSummary).hasSize(1);
    }

    /** Waits until the audio worker has reported progress on the VOD, so the faults land mid-VOD (fusion not done). */
    private static void awaitAudioProgress(IngestClient ingest, String vodId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = ingest.view(vodId);
            if (view.path("stages").path("AUDIO").path("lastSecond").asLong(-1) >= 0) {
                assertThat(view.path("stages").path("FUSION").path("state").asText()).as("the faults land mid-VOD")
                        .isNotEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no audio progress for " + vodId);
    }
}
