package dev.highlights.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services as the launcher runs it: a Quarkus fast-jar started with plain {@code java -jar}.
 *
 * @param name        short name used in logs and progress lines
 * @param module      the Maven module directory, relative to the repository root
 * @param defaultPort the HTTP port of its {@code application.properties}
 * @param maxHeap     the {@code -Xmx} value: seven JVMs share the machine
 */
public record ServiceSpec(String name, String module, int defaultPort, String maxHeap) {

    /** In start order: the front door first, fusion last; they all wait for their topics anyway. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("ingest", "ingest-service", 8080, "512m"),
            new ServiceSpec("chat", "chat-service", 8082, "384m"),
            new ServiceSpec("audio", "audio-service", 8083, "768m"),
            new ServiceSpec("video", "video-service", 8084, "768m"),
            new ServiceSpec("fusion", "fusion-service", 8085, "384m"));

    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
