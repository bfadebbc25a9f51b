package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A live stream through a running pipeline: register it live (its HLS playlist, and the channel whose chat is read
 * as it airs), print each highlight revision as it arrives, and once the stream ended (its playlist's end, or
 * {@link #end()} on Ctrl-C) write {@code highlights.json} and {@code report.html}.
 */
final class LiveJob {
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long the end waits for fusion's final summary after the stream was ended. */
    private static final Duration FINAL_WAIT = Duration.ofSeconds(90);

    private final PipelineEndpoints pipeline;
    private final PrintStream out;
    private final Map<String, Integer> printed = new HashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean endRequested;

    LiveJob(PipelineEndpoints pipeline, PrintStream out) {
        this.pipeline = pipeline;
        this.out = out;
    }

    /**
     * Follows the stream until it ended and its highlights are final, or until {@code timeout}.
     *
     * @param channel the chat channel (an irc(s) URI), or null: chat can be pushed to the stack's ingest
     */
    VodJob.Result run(String title, URI media, URI channel, Path outDir, Duration timeout)
            throws IOException, InterruptedException {
        try {
            return follow(title, media, channel, outDir, timeout);
        } finally {
            done.countDown();
        }
    }

    private VodJob.Result follow(String title, URI media, URI channel, Path outDir, Duration timeout)
            throws IOException, InterruptedException {
        IngestClient ingest = new IngestClient(pipeline.ingestUrl());
        String id = ingest.registerLive("local", title, media, channel, System.currentTimeMillis());
        out.println("following the live stream " + media + (channel == null ? " (chat: POST " + pipeline.ingestUrl()
                + "/api/vods/" + id + "/chat)" : " with the chat of " + channel) + " as " + id);
        out.println("highlights are printed as they come; Ctrl-C ends the stream and writes the report");
        long deadline = System.nanoTime() + timeout.toNanos();
        long finalDeadline = Long.MAX_VALUE;
        boolean endPosted = false;
        while (true) {
            String dead = pipeline.deadService();
            if (dead != null) {
                throw new IllegalStateException(dead);
            }
            if ((endRequested || System.nanoTime() > deadline) && !endPosted) {
                ingest.end(id);
                endPosted = true;
                finalDeadline = System.nanoTime() + FINAL_WAIT.toNanos();
            }
            JsonNode view = ingest.viewWhenReady(id);
            if (view != null) {
                printRevisions(view);
                if (view.path("highlights").path("final").asBoolean()) {
                    return VodJob.write(pipeline, id, title, media, Report.highlights(view), outDir, List.of());
                }
            }
            if (System.nanoTime() > finalDeadline) {
                throw new IllegalStateException("the stream was ended, but its highlights were not final after "
                        + FINAL_WAIT.toSeconds() + " s; see the service logs");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Ends the stream (Ctrl-C) and waits until the run wrote the report (or gave up): the final highlights need the
     * pipeline, so it may only stop after this.
     */
    void endAndAwait() {
        endRequested = true;
        try {
            done.await(FINAL_WAIT.toSeconds() + 15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line per highlight revision not printed yet: when, where in the stream, how strong, why. */
    private void printRevisions(JsonNode view) {
        for (Report.Highlight h : Report.highlights(view)) {
            Integer seen = printed.get(h.id());
            if (seen != null && seen >= h.revision()) {
                continue;
            }
            printed.put(h.id(), h.revision());
            out.printf(Locale.ROOT, "%s  %s %s  %s-%s  score %.2f  %s%n",
                    LocalTime.now().truncatedTo(ChronoUnit.SECONDS), seen == null ? "new    " : "revised", h.id(),
                    clock(h.startSec()), clock(h.endSec()), h.score(), h.reason());
        }
    }

    private static String clock(double sec) {
        long s = Math.round(sec);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
