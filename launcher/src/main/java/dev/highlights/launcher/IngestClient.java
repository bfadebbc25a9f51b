package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The launcher's use of ingest-service's REST API: register a VOD, read its view. */
final class IngestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    IngestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Registers a VOD and answers its id; a refusal becomes an exception with ingest's reason. */
    String register(String channel, String title, URI media, URI chat) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("channel", channel)
                .put("title", title)
                .put("mediaUri", media.toString());
        if (chat != null) {
            body.put("chatUri", chat.toString());
        }
        return postVod(body, "registering " + media);
    }

    /**
     * Registers a live stream: its media playlist, and the channel whose chat is read as it airs (or null); its
     * offsets count from {@code streamStartEpochMs}.
     */
    String registerLive(String channel, String title, URI media, URI chatChannel, long streamStartEpochMs)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("channel", channel)
                .put("title", title)
                .put("mediaUri", media.toString())
                .put("live", true)
                .put("streamStartEpochMs", streamStartEpochMs);
        if (chatChannel != null) {
            body.put("chatUri", chatChannel.toString());
        }
        return postVod(body, "registering the live stream " + media);
    }

    /** {@code POST /api/vods}: the registered VOD's id. Probing remote media may take a while: 2 minutes. */
    private String postVod(ObjectNode body, String what) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/vods"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return send(request, what).path("id").asText();
    }

    /** {@code POST /api/vods/{id}/end}: ends a live stream. */
    void end(String vodId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/vods/" + vodId + "/end"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        send(request, "ending " + vodId);
    }

    /** {@code GET /api/vods/{id}}: registration, status per stage, highlights so far. */
    JsonNode view(String vodId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/vods/" + vodId))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return send(request, "reading VOD " + vodId);
    }

    /** {@link #view}, or null while ingest's views are still loading (503); other refusals are thrown. */
    JsonNode viewWhenReady(String vodId) throws IOException, InterruptedException {
        try {
            return view(vodId);
        } catch (IngestRefusedException e) {
            if (e.status() != 503) {
                throw e;
            }
            return null;
        }
    }

    private JsonNode send(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            String reason = body.path("detail").asText(body.path("title").asText(response.body()));
            throw new IngestRefusedException(what + " failed: HTTP " + response.statusCode() + ": " + reason,
                    response.statusCode());
        }
        return body;
    }

    /** Ingest answered 4xx or 5xx. */
    static final class IngestRefusedException extends IOException {
        private final int status;

        IngestRefusedException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
