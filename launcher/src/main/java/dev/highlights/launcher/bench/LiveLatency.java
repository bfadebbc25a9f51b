package dev.highlights.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.samples.PlantedMoment;
import dev.highlights.samples.SampleChat;
import dev.highlights.samples.SampleSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live latency on a running stack: a live VOD ({@code live: true}) whose chat (the 4-minute sample's, 10 x scaled)
 * is pushed at wall-clock pace through {@code POST /api/vods/{id}/chat}, one batch per second, while its view is
 * polled every 200 ms. For each planted hype moment pushed, it records when a highlight overlapping the moment was
 * first seen and when its last revision arrived, relative to the wall-clock moment the moment's chat burst ended,
 * and when the highlight's final end was first shown, relative to the moment that end went out on the stream (media
 * second x goes out at registration + x s): the live latency of a highlight second.
 */
final class LiveLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One planted moment: when its highlight first showed and when its last revision came (seconds after the chat
     * burst's end), and when the final end was first shown (seconds after it went out on the stream); NaN = never.
     */
    record Moment(PlantedMoment moment, double firstSeenSec, double lastRevisionSec, double endShownSec, int revisions,
                  String interval) {
    }

    record Result(String vodId, int pushedSeconds, int messages, List<Moment> moments, boolean finalSummary,
                  double summaryAfterEndSec, String stages) {
    }

    private LiveLatency() {
    }

    static Result run(String ingestUrl, Path media, int seconds, PrintStream out) throws Exception {
        SampleSpec spec = SampleSpec.defaults();
        List<SampleChat.Comment> chat = BenchSample.scaledChat(spec, SampleChat.comments(spec).size() * 10L);
        ObjectNode body = JSON.createObjectNode().put("channel", "bench-live").put("title", "live latency")
                .put("mediaUri", media.toAbsolutePath().toUri().toString()).put("live", true)
                .put("streamStartEpochMs", System.currentTimeMillis());
        HttpResponse<String> reg = send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/vods"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (reg.statusCode() >= 400) {
            throw new IOException("registering the live VOD failed: HTTP " + reg.statusCode() + " " + reg.body());
        }
        String vodId = JSON.readTree(reg.body()).path("id").asText();
        out.println("  live VOD " + vodId + ": pushing " + seconds + " s of chat at wall-clock pace");
        List<PlantedMoment> hypes = spec.moments().stream()
                .filter(m -> m.expectHighlight() && m.hasChatBurst() && m.chatEndSec() + 5 < seconds).toList();
        // highlightId -> firstSeenMs, lastRevisionMs, revision, start, end, when that end was first seen (ms)
        Map<String, double[]> seen = new LinkedHashMap<>();
        long t0 = System.currentTimeMillis();
        int next = 0;
        int pushed = 0;
        for (int s = 0; s < seconds; s++) {
            ArrayNode batch = JSON.createArrayNode();
            while (next < chat.size() && chat.get(next).offsetSec() < s + 1) {
                SampleChat.Comment c = chat.get(next++);
                batch.addObject().put("id", c.id()).put("offsetSec", c.offsetSec()).put("author", c.login()).put("text", c.body());
            }
            // the messages of second s are sent once second s is over, as a live chat relay would
            sleepUntil(t0 + (s + 1) * 1000L, ingestUrl, vodId, seen);
            if (!batch.isEmpty()) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/vods/" + vodId + "/chat"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch))));
                if (r.statusCode() >= 400) {
                    throw new IOException("live chat push failed: HTTP " + r.statusCode() + " " + r.body());
                }
                pushed += batch.size();
            }
        }
        long endMs = System.currentTimeMillis();
        send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/vods/" + vodId + "/end")).POST(HttpRequest.BodyPublishers.noBody()));
        boolean isFinal = false;
        double summaryAfter = Double.NaN;
        long deadline = System.currentTimeMillis() + 60_000;
        String stages = "";
        while (System.currentTimeMillis() < deadline) {
            JsonNode view = poll(ingestUrl, vodId, seen);
            if (view != null) {
                StringBuilder sb = new StringBuilder();
                view.path("stages").fields().forEachRemaining(e -> sb.append(e.getKey()).append(' ')
                        .append(e.getValue().path("state").asText()).append(e.getValue().has("lastSecond")
                                ? "@" + e.getValue().path("lastSecond").asLong() : "").append(", "));
                stages = sb.toString().replaceAll(", $", "");
            }
            if (view != null && view.path("highlights").path("final").asBoolean()) {
                isFinal = true;
                summaryAfter = (System.currentTimeMillis() - endMs) / 1000.0;
                break;
            }
            Thread.sleep(200);
        }
        List<Moment> moments = new ArrayList<>();
        for (PlantedMoment m : hypes) {
            double burstEndMs = t0 + m.chatEndSec() * 1000.0; // the burst's last second was sent at t0 + chatEnd s
            double[] hit = null;
            for (double[] h : seen.values()) {
                if (h[3] < m.endSec() + 5 && h[4] > m.startSec() - 5 && (hit == null || h[0] < hit[0])) {
                    hit = h;
                }
            }
            moments.add(hit == null ? new Moment(m, Double.NaN, Double.NaN, Double.NaN, 0, "-")
                    : new Moment(m, (hit[0] - burstEndMs) / 1000.0, (hit[1] - burstEndMs) / 1000.0,
                    (hit[5] - (t0 + hit[4] * 1000.0)) / 1000.0, (int) hit[2],
                    String.format(java.util.Locale.ROOT, "%.0f-%.0f s", hit[3], hit[4])));
        }
        return new Result(vodId, seconds, pushed, moments, isFinal, summaryAfter, stages);
    }

    private static void sleepUntil(long wallMs, String ingestUrl, String vodId, Map<String, double[]> seen) throws Exception {
        while (true) {
            long left = wallMs - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            long pollStart = System.currentTimeMillis();
            poll(ingestUrl, vodId, seen);
            long spent = System.currentTimeMillis() - pollStart;
            Thread.sleep(Math.max(0, Math.min(wallMs - System.currentTimeMillis(), 200 - spent)));
        }
    }

    private static JsonNode poll(String ingestUrl, String vodId, Map<String, double[]> seen) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/vods/" + vodId)).GET());
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode view = JSON.readTree(r.body());
        long now = System.currentTimeMillis();
        for (JsonNode item : view.path("highlights").path("items")) {
            String id = item.path("highlightId").asText();
            int revision = item.path("revision").asInt();
            double[] h = seen.get(id);
            double end = item.path("endSec").asDouble();
            if (h == null) {
                seen.put(id, new double[] {now, now, revision, item.path("startSec").asDouble(), end, now});
            } else if (revision > h[2]) {
                h[1] = now;
                h[2] = revision;
                h[3] = item.path("startSec").asDouble();
                if (end != h[4]) {
                    h[5] = now;
                }
                h[4] = end;
            }
        }
        return view;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "### Live latency%n%nA live VOD (`live: true`, %s): %d s of the sample chat"
                + " (10 x scaled, %,d messages) pushed at wall-clock pace, one `POST /api/vods/{id}/chat` per second, then"
                + " `POST /end`. Times are seconds after the planted moment's chat burst ended (its last second was pushed);"
                + " negative means the highlight was out while the burst was still going. \"final end shown\": when the"
                + " highlight's final end first appeared, in seconds after that media second went out on the stream"
                + " (media second x at registration + x s).%n%n", r.vodId(), r.pushedSeconds(),
                r.messages()));
        MarkdownTable t = new MarkdownTable("planted moment", "chat burst", "first highlight event", "last revision",
                "revisions", "interval", "final end shown");
        for (Moment m : r.moments()) {
            t.row(m.moment().kind() + " " + m.moment().startSec() + "-" + m.moment().endSec() + " s",
                    m.moment().chatStartSec() + "-" + m.moment().chatEndSec() + " s",
                    Double.isNaN(m.firstSeenSec()) ? "never" : signed(m.firstSeenSec()),
                    Double.isNaN(m.lastRevisionSec()) ? "-" : signed(m.lastRevisionSec()),
                    m.revisions(), m.interval(), Double.isNaN(m.endShownSec()) ? "-" : signed(m.endShownSec()));
        }
        sb.append(t.render()).append('\n');
        sb.append(r.finalSummary() ? String.format(java.util.Locale.ROOT, "Final summary %.1f s after `POST /end`.%n%n",
                r.summaryAfterEndSec()) : "No final summary within 60 s of `POST /end`.\n\n");
        sb.append("Stages in the live VOD's view at the end: ").append(r.stages()).append(".\n\n");
        return sb.toString();
    }

    private static String signed(double seconds) {
        return (seconds < 0 ? "" : "+") + MarkdownTable.num(seconds) + " s";
    }
}
