package dev.highlights.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Test settings of ingest: the generated media root, the local HTTP server's host allowed, 8-second segments,
 * and a fresh Kafka Streams state directory for every application start, so each start rebuilds its views from
 * the topics (the local stack is new in every test JVM).
 */
public final class IngestTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestMedia.base();
        TestHttpServer.baseUrl();
        try {
            return Map.of(
                    "ingest.media-roots", TestMedia.root().toString(),
                    "ingest.http.allowed-hosts", "127.0.0.1,localhost",
                    "ingest.http.timeout", "PT5S",
                    "ingest.sse-keep-alive", "PT0.3S",
                    "ingest.segment-seconds", "8",
                    "ingest.limits.max-request-size", "16K",
                    "ingest.limits.max-chat-batch-size", "256K",
                    "ingest.limits.max-chat-batch-messages", "1000",
                    "ingest.kafka.max-waiting-chat-events", "20",
                    "kafka-streams.state.dir", Files.createTempDirectory("ingest-views").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // media and the HTTP server are shared by the JVM
    }
}
