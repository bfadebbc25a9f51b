package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One VOD through a running pipeline: register it with ingest, follow its progress until fusion's final summary,
 * then write {@code highlights.json} and {@code report.html}.
 */
final class VodJob {
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a finished job leaves: the ranked highlights, the files written and the media seconds analysed. */
    record Result(String vodId, List<Report.Highlight> highlights, Path json, Path html, int durationSec) {
    }

    private final PipelineEndpoints pipeline;
    private final PrintStream out;
    private final boolean terminal;

    VodJob(PipelineEndpoints pipeline, PrintStream out, boolean terminal) {
        this.pipeline = pipeline;
        this.out = out;
        this.terminal = terminal;
    }

    Result run(String title, URI media, URI chat, Path outDir, Duration timeout)
            throws IOException, InterruptedException {
        return run(title, media, chat, outDir, timeout, List.of());
    }

    /** As {@link #run(String, URI, URI, Path, Duration)}, the report showing {@code labels} under the timeline. */
    Result run(String title, URI media, URI chat, Path outDir, Duration timeout, List<Report.Label> labels)
            throws IOException, InterruptedException {
        IngestClient ingest = new IngestClient(pipeline.ingestUrl());
        String vodId = ingest.register("local", title, media, chat);
        out.println("registered " + media + (chat == null ? "" : " with chat " + chat) + " as " + vodId);
        JsonNode view = awaitFinal(ingest, vodId, timeout);
        return write(pipeline, vodId, title, media, Report.highlights(view), outDir, labels);
    }

    /** Writes a VOD's final highlights: {@code highlights.json} and {@code report.html} with its score timeline. */
    static Result write(PipelineEndpoints pipeline, String vodId, String title, URI media,
                        List<Report.Highlight> highlights, Path outDir, List<Report.Label> labels) throws IOException {
        List<ScoreTimeline.Second> timeline = ScoreTimeline.read(pipeline.bootstrapServers(),
                pipeline.schemaRegistryUrl(), vodId);
        Path json = Report.writeJson(outDir, highlights);
        Path html = Report.writeHtml(outDir, title, Report.videoSource(outDir, media.toString()), highlights, timeline,
                labels);
        return new Result(vodId, highlights, json, html, timeline.size());
    }

    private JsonNode awaitFinal(IngestClient ingest, String vodId, Duration timeout)
            throws IOException, InterruptedException {
        ProgressDisplay progress = new ProgressDisplay(out, terminal);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String dead = pipeline.deadService();
            if (dead != null) {
                throw new IllegalStateException(dead);
            }
            JsonNode view = ingest.viewWhenReady(vodId);
            if (view != null) {
                progress.update(view);
                if (view.path("highlights").path("final").asBoolean()) {
                    return withFusionCompleted(ingest, vodId, view, progress);
                }
                failIfStageFailed(view, "INGEST");
                failIfStageFailed(view, "FUSION");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no final highlights for " + vodId + " after " + timeout.toMinutes()
                        + " min; see the service logs");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * The final summary and fusion's COMPLETED status travel on two topics, so the view may show the first a moment
     * before the second: wait briefly for it, so that the progress ends on fusion's 100 %.
     */
    private JsonNode withFusionCompleted(IngestClient ingest, String vodId, JsonNode view, ProgressDisplay progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!"COMPLETED".equals(view.path("stages").path("FUSION").path("state").asText())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            view = ingest.view(vodId);
            progress.update(view);
        }
        return view;
    }

    /** Ingest or fusion failing ends the job; a worker's segment errors do not (fusion goes on without it). */
    private static void failIfStageFailed(JsonNode view, String stage) {
        JsonNode node = view.path("stages").path(stage);
        if ("FAILED".equals(node.path("state").asText())) {
            JsonNode error = node.path("errors").path(0);
            throw new IllegalStateException(stage.toLowerCase() + " failed: " + error.path("message")
                    .asText(error.toString()));
        }
    }
}
