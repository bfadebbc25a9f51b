package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code ./highlights clips} needs from the last {@code run} or {@code demo}: the source and its highlights. */
record LastRun(URI media, Path highlightsJson) {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path file(Path home) {
        return home.resolve(".highlights/last-run.json");
    }

    static void save(Path home, URI media, Path highlightsJson) throws IOException {
        Files.createDirectories(file(home).getParent());
        JSON.writeValue(file(home).toFile(), JSON.createObjectNode()
                .put("media", media.toString()).put("highlights", highlightsJson.toString()));
    }

    static LastRun load(Path home) throws IOException {
        if (!Files.isRegularFile(file(home))) {
            throw new IllegalStateException("no previous run: run ./highlights demo or ./highlights run first");
        }
        JsonNode node = JSON.readTree(file(home).toFile());
        return new LastRun(URI.create(node.path("media").asText()), Path.of(node.path("highlights").asText()));
    }
}
