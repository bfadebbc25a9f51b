package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack {@code ./highlights up} keeps running, as {@code run} finds it: {@code up} writes where it answers and
 * which folders it may read to {@code .highlights/stack/stack.json}; {@code run} submits to it instead of starting a
 * stack of its own when its process is alive, ingest is ready and its media roots hold the VOD's files.
 */
record RunningStack(long pid, String ingestUrl, String ingestReadinessUrl, String bootstrapServers,
                    String schemaRegistryUrl, List<Path> mediaRoots) implements PipelineEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Path file(Path home) {
        return home.resolve(".highlights/stack/stack.json");
    }

    /** Written by {@code up} once every service is ready; {@code pid} is the process that keeps the stack. */
    static void save(Path home, long pid, EmbeddedPipeline pipeline, List<Path> mediaRoots) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("pid", pid).put("ingestUrl", pipeline.ingestUrl())
                .put("ingestReadinessUrl", pipeline.readinessUrl("ingest"))
                .put("bootstrapServers", pipeline.bootstrapServers())
                .put("schemaRegistryUrl", pipeline.schemaRegistryUrl());
        mediaRoots.forEach(r -> node.withArray("mediaRoots").add(r.toAbsolutePath().normalize().toString()));
        Files.createDirectories(file(home).getParent());
        Path temp = file(home).resolveSibling("stack.json.tmp");
        JSON.writeValue(temp.toFile(), node);
        Files.move(temp, file(home), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stack {@code up} runs, or null: none was written, its process is gone, or ingest is not ready. */
    static RunningStack find(Path home) throws InterruptedException {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        RunningStack stack;
        try {
            JsonNode n = JSON.readTree(file.toFile());
            List<Path> roots = new ArrayList<>();
            n.path("mediaRoots").forEach(r -> roots.add(Path.of(r.asText())));
            stack = new RunningStack(n.path("pid").asLong(), n.path("ingestUrl").asText(),
                    n.path("ingestReadinessUrl").asText(), n.path("bootstrapServers").asText(),
                    n.path("schemaRegistryUrl").asText(), List.copyOf(roots));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        boolean alive = ProcessHandle.of(stack.pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive && stack.deadService() == null ? stack : null;
    }

    /** Whether ingest may read every one of these files (each inside one of the stack's media roots). */
    boolean mayRead(List<Path> files) {
        return files.stream().map(f -> f.toAbsolutePath().normalize())
                .allMatch(f -> mediaRoots.stream().anyMatch(f::startsWith));
    }

    @Override
    public String deadService() throws InterruptedException {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(ingestReadinessUrl))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "the stack of ./highlights up is not ready (ingest answers " + status + ")";
        } catch (IOException | IllegalArgumentException e) {
            return "the stack of ./highlights up does not answer at " + ingestUrl;
        }
    }
}
