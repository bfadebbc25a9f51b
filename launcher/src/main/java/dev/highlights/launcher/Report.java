package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run leaves behind: {@code highlights.json} (a ranked list of objects with {@code startSec}, {@code endSec},
 * {@code score}, {@code reason} and the rest of each highlight) and {@code report.html}, one self-contained page
 * (the template resource with the data inlined) whose player points at the source file.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One highlight as the outputs show it; times are media seconds from the VOD start. */
    record Highlight(int rank, String id, int revision, double startSec, double endSec, double peakSec, double score,
                     double chatContribution, double audioContribution, double videoContribution, double chatLagSec,
                     boolean snappedToSceneCut, String reason) {
        double durationSec() {
            return endSec - startSec;
        }
    }

    private Report() {
    }

    /** The ranked highlights of ingest's view (its {@code highlights.items}, ranked once final). */
    static List<Highlight> highlights(JsonNode view) {
        List<Highlight> result = new ArrayList<>();
        int position = 0;
        for (JsonNode h : view.path("highlights").path("items")) {
            position++;
            result.add(new Highlight(h.path("rank").asInt(position), h.path("highlightId").asText(),
                    h.path("revision").asInt(), h.path("startSec").asDouble(), h.path("endSec").asDouble(),
                    h.path("peakSec").asDouble(), h.path("score").asDouble(), h.path("chatContribution").asDouble(),
                    h.path("audioContribution").asDouble(), h.path("videoContribution").asDouble(),
                    h.path("chatLagSec").asDouble(), h.path("snappedToSceneCut").asBoolean(),
                    h.path("reason").asText()));
        }
        return result;
    }

    /** Reads a {@code highlights.json} written by {@link #writeJson}. */
    static List<Highlight> readJson(Path file) throws IOException {
        List<Highlight> result = new ArrayList<>();
        for (JsonNode h : JSON.readTree(file.toFile())) {
            result.add(new Highlight(h.path("rank").asInt(), h.path("id").asText(), h.path("revision").asInt(),
                    h.path("startSec").asDouble(), h.path("endSec").asDouble(), h.path("peakSec").asDouble(),
                    h.path("score").asDouble(), h.path("chatContribution").asDouble(),
                    h.path("audioContribution").asDouble(), h.path("videoContribution").asDouble(),
                    h.path("chatLagSec").asDouble(), h.path("snappedToSceneCut").asBoolean(), h.path("reason").asText()));
        }
        return result;
    }

    static Path writeJson(Path outDir, List<Highlight> highlights) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        for (Highlight h : highlights) {
            ObjectNode node = JSON.valueToTree(h);
            node.put("durationSec", h.durationSec());
            list.add(node);
        }
        Files.createDirectories(outDir);
        Path file = outDir.resolve("highlights.json");
        JSON.writeValue(file.toFile(), list);
        return file;
    }

    /** The page: the source video by a path relative to the page (a URL stays a URL), the data inlined as JSON. */
    static Path writeHtml(Path outDir, String title, String videoSource, List<Highlight> highlights,
                          List<ScoreTimeline.Second> timeline) throws IOException {
        return writeHtml(outDir, title, videoSource, highlights, timeline, List.of());
    }

    /** A labelled stretch of the VOD, drawn under the timeline: kind {@code highlight} or a named non-highlight. */
    record Label(double start, double end, String kind) {
    }

    /** The page with the labelled stretches (the truth of an evaluated VOD) under the timeline. */
    static Path writeHtml(Path outDir, String title, String videoSource, List<Highlight> highlights,
                          List<ScoreTimeline.Second> timeline, List<Label> labels) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.put("title", title);
        data.put("video", videoSource);
        data.set("highlights", JSON.valueToTree(highlights));
        data.set("labels", JSON.valueToTree(labels));
        ArrayNode seconds = data.putArray("seconds");
        for (ScoreTimeline.Second s : timeline) {
            seconds.addArray().add(s.second()).add(s.chatMessages()).add(nullable(s.chatScore()))
                    .add(nullable(s.audioScore())).add(nullable(s.videoScore())).add(s.sceneCut() ? 1 : 0)
                    .add(s.staticScreen() ? 1 : 0);
        }
        String template;
        try (InputStream in = Report.class.getResourceAsStream("report.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Inside <script> only "</" can end the element early.
        String inlined = JSON.writeValueAsString(data).replace("</", "<\\/");
        String page = template.replace("/*DATA*/null", inlined).replace("<!--TITLE-->", escapeHtml(title));
        Files.createDirectories(outDir);
        Path file = outDir.resolve("report.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return file;
    }

    /** How the page refers to the source: a relative path for local files, so the folder can be moved with it. */
    static String videoSource(Path outDir, String mediaUri) {
        if (!mediaUri.startsWith("file:")) {
            return mediaUri;
        }
        Path media = Path.of(java.net.URI.create(mediaUri)).toAbsolutePath().normalize();
        return outDir.toAbsolutePath().normalize().relativize(media).toString().replace('\\', '/');
    }

    /** A text table for the terminal. */
    static String table(List<Highlight> highlights) {
        if (highlights.isEmpty()) {
            return "No highlights found.\n";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%4s  %-17s %6s %6s  %s%n", "rank",
                "interval", "length", "score", "reason"));
        for (Highlight h : highlights) {
            out.append(String.format(Locale.ROOT, "%4d  %-17s %5.0fs %6.2f  %s%n", h.rank(),
                    clock(h.startSec()) + "-" + clock(h.endSec()), h.durationSec(), h.score(), h.reason()));
        }
        return out.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
