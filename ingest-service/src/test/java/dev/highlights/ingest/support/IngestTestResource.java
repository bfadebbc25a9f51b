package dev.highlights.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Test settings of ingest: the generated media root, the local HTTP server's host allowed, 8-second segments, chat
 * imports stopped after 8 s, and a fresh Kafka Streams state directory for every application start, so each start
 * rebuilds its views from the topics (the local stack is new in every test JVM).
 */
public final class IngestTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestMedia.base();
        TestHttpServer.baseUrl();
        try {
            return Map.ofEntries(
                    Map.entry("ingest.media-roots", TestMedia.root().toString()),
                    Map.entry("ingest.http.allowed-hosts", "127.0.0.1,localhost"),
                    Map.entry("ingest.http.timeout", "PT5S"),
                    Map.entry("ingest.probe-timeout", "PT8S"),
                    Map.entry("ingest.sse-keep-alive", "PT0.3S"),
                    Map.entry("ingest.live.chat-grace", "PT1S"),
                    Map.entry("ingest.segment-seconds", "8"),
                    Map.entry("ingest.limits.max-request-size", "16K"),
                    Map.entry("ingest.limits.max-chat-batch-size", "256K"),
                    Map.entry("ingest.limits.max-chat-batch-messages", "1000"),
                    Map.entry("ingest.kafka.max-waiting-chat-events", "20"),
                    Map.entry("ingest.chat.import-timeout", "PT8S"),
                    Map.entry("kafka-streams.state.dir", Files.createTempDirectory("ingest-views").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // media and the HTTP server are shared by the JVM
    }
}
