package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.launcher.eval.Label;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A labelled VOD aired as a live stream, for {@code eval --live}: {@code ffmpeg -re} writes its video as a
 * sliding-window HLS playlist (program dates, old segments deleted) into a media root, its chat (a TwitchDownloader JSON
 * export) goes out at the pace it was sent, pushed to ingest's REST API or said on a local IRC channel that ingest
 * reads, and the view is polled every second. The stream ends with the playlist's end list; its final highlights are
 * then scored like a VOD's. Latency: for each labelled highlight, from its end on air to the first highlight
 * overlapping it, and to the first closed one (its interval no longer running).
 */
final class LiveReplay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 1000;
    /** After the media ended: the live chat's grace, fusion's summary, and margin. */
    private static final Duration FINAL_WAIT = Duration.ofMinutes(3);

    /** How the chat reaches ingest. */
    enum ChatPath { REST, IRC }

    /** Seconds from a labelled highlight's end on air to its first revision and to its closing one (null: never). */
    record Latency(Double firstSec, Double closedSec) {
    }

    /** The finished job, and the latency of each labelled highlight. */
    record Result(VodJob.Result job, Map<Label, Latency> latency) {
    }

    private final EmbeddedPipeline pipeline;
    private final PrintStream out;
    private final int segmentSec;
    private final ChatPath chatPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param segmentSec the HLS segment duration the stream is aired with
     * @param chatPath   how its chat reaches ingest
     */
    LiveReplay(EmbeddedPipeline pipeline, PrintStream out, int segmentSec, ChatPath chatPath) {
        this.pipeline = pipeline;
        this.out = out;
        this.segmentSec = segmentSec;
        this.chatPath = chatPath;
    }

    Result run(String name, Path video, Path chat, Path airDir, Path outDir, List<Label> labels,
               List<Report.Label> reportLabels) throws IOException, InterruptedException {
        List<ObjectNode> messages = chat == null ? List.of() : liveMessages(JSON.readTree(chat.toFile()));
        Files.createDirectories(airDir);
        Path playlist = airDir.resolve("live.m3u8");
        Files.deleteIfExists(playlist);
        IrcChatReplay irc = chatPath == ChatPath.IRC && chat != null ? IrcChatReplay.start() : null;
        long start = System.currentTimeMillis();
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", video.toString(), "-c",
                "copy", "-f", "hls", "-hls_time", Integer.toString(segmentSec), "-hls_list_size", "30", "-hls_flags",
                "delete_segments+program_date_time", "-hls_segment_filename", airDir.resolve("air%05d.ts").toString(),
                playlist.toString()).redirectErrorStream(true).redirectOutput(airDir.resolve("ffmpeg.log").toFile())
                .start();
        try {
            while (!Files.exists(playlist)) {
                if (!ffmpeg.isAlive()) {
                    throw new IllegalStateException("ffmpeg could not air " + video + ": "
                            + Files.readString(airDir.resolve("ffmpeg.log")));
                }
                Thread.sleep(100);
            }
            IngestClient ingest = new IngestClient(pipeline.ingestUrl());
            String vodId = ingest.registerLive("eval", name, playlist.toUri(), irc == null ? null : irc.chatUri(),
                    start);
            if (irc != null) {
                irc.awaitReader(30_000); // what is due meanwhile goes out as soon as ingest listens
            }
            out.printf("%s: on air as live stream %s (%d s segments, chat over %s)%n", name, vodId, segmentSec,
                    chatPath.name().toLowerCase(java.util.Locale.ROOT));
            Map<Label, Double> first = new LinkedHashMap<>();
            Map<Label, Double> closed = new LinkedHashMap<>();
            List<Label> highlights = labels.stream().filter(Label::isHighlight).toList();
            int next = 0;
            long finalDeadline = Long.MAX_VALUE;
            while (true) {
                double now = (System.currentTimeMillis() - start) / 1000.0;
                ArrayNode batch = JSON.createArrayNode();
                while (next < messages.size() && (messages.get(next).path("offsetSec").asDouble() <= now
                        || !ffmpeg.isAlive())) {
                    batch.add(messages.get(next++));
                }
                if (!batch.isEmpty()) {
                    sendChat(vodId, batch, irc);
                }
                if (!ffmpeg.isAlive() && finalDeadline == Long.MAX_VALUE) {
                    finalDeadline = System.nanoTime() + FINAL_WAIT.toNanos();
                }
                JsonNode view = ingest.viewWhenReady(vodId);
                if (view != null) {
                    double at = (System.currentTimeMillis() - start) / 1000.0;
                    for (JsonNode h : view.path("highlights").path("items")) {
                        for (Label l : highlights) {
                            if (h.path("endSec").asDouble() > l.start() && h.path("startSec").asDouble() < l.end()) {
                                first.putIfAbsent(l, at - l.end());
                                if (!h.path("open").asBoolean()) {
                                    closed.putIfAbsent(l, at - l.end());
                                }
                            }
                        }
                    }
                    if (view.path("highlights").path("final").asBoolean()) {
                        VodJob.Result job = VodJob.write(pipeline, vodId, name, playlist.toUri(),
                                Report.highlights(view), outDir, reportLabels);
                        Map<Label, Latency> latency = new LinkedHashMap<>();
                        highlights.forEach(l -> latency.put(l, new Latency(first.get(l), closed.get(l))));
                        return new Result(job, latency);
                    }
                }
                if (System.nanoTime() > finalDeadline) {
                    throw new IllegalStateException(name + ": the stream ended, but its highlights were not final after "
                            + FINAL_WAIT.toMinutes() + " min; see the service logs");
                }
                String dead = pipeline.deadService();
                if (dead != null) {
                    throw new IllegalStateException(dead);
                }
                Thread.sleep(POLL_MS);
            }
        } finally {
            ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (irc != null) {
                irc.close();
            }
        }
    }

    /**
     * A TwitchDownloader JSON export's comments as live chat messages ({@code POST /api/vods/{id}/chat}), in offset
     * order: the same ids, authors, text, emotes (from the fragments), badges and bits the importer reads.
     */
    static List<ObjectNode> liveMessages(JsonNode export) {
        JsonNode comments = export.path("comments");
        if (!comments.isArray()) {
            throw new UsageException("eval --live replays chat from a TwitchDownloader JSON export (with comments)");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode c : comments) {
            JsonNode message = c.path("message");
            ObjectNode m = JSON.createObjectNode();
            m.put("id", c.path("_id").asText());
            m.put("offsetSec", c.path("content_offset_seconds").asDouble());
            m.putObject("author").put("id", c.path("commenter").path("_id").asText())
                    .put("name", c.path("commenter").path("name").asText(c.path("commenter").path("display_name")
                            .asText()));
            StringBuilder body = new StringBuilder();
            ArrayNode emotes = JSON.createArrayNode();
            for (JsonNode f : message.path("fragments")) {
                String text = f.path("text").asText();
                JsonNode emoticon = f.path("emoticon");
                if (emoticon.isObject() && !text.isEmpty()) {
                    emotes.addObject().put("id", emoticon.path("emoticon_id").asText()).put("name", text)
                            .put("begin", body.length()).put("end", body.length() + text.length() - 1);
                }
                body.append(text);
            }
            m.put("text", message.has("body") ? message.path("body").asText() : body.toString());
            if (!emotes.isEmpty() && m.path("text").asText().contentEquals(body)) {
                m.set("emotes", emotes);
            }
            ArrayNode badges = JSON.createArrayNode();
            for (JsonNode b : message.path("user_badges")) {
                badges.add(b.path("_id").asText() + "/" + b.path("version").asText());
            }
            if (!badges.isEmpty()) {
                m.set("badges", badges);
            }
            if (message.path("bits_spent").asInt() > 0) {
                m.put("bits", message.path("bits_spent").asInt());
            }
            if (message.path("is_action").asBoolean()) {
                m.put("type", "ACTION");
            }
            out.add(m);
        }
        out.sort((a, b) -> Double.compare(a.path("offsetSec").asDouble(), b.path("offsetSec").asDouble()));
        return out;
    }

    private void sendChat(String vodId, ArrayNode batch, IrcChatReplay irc) throws IOException, InterruptedException {
        if (irc != null) {
            for (JsonNode message : batch) {
                irc.say(message);
            }
            return;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(pipeline.ingestUrl() + "/api/vods/" + vodId + "/chat"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("pushing live chat to " + vodId + " failed: HTTP " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
