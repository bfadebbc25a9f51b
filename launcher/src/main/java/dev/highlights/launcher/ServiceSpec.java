package dev.highlights.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services as the launcher runs it: a Quarkus fast-jar started with plain {@code java -jar}.
 *
 * @param name        short name used in logs and progress lines
 * @param module      the Maven module directory, relative to the repository root
 * @param defaultPort the HTTP port of its {@code application.properties}
 * @param defaultManagementPort the port of its management interface ({@code /q/health}, {@code /q/metrics}) in its
 *                    {@code application.properties}; 0 when those are served on the HTTP port
 * @param maxHeap     the {@code -Xmx} value: seven JVMs share the machine
 * @param fixedHeap   {@code -Xms} = {@code -Xmx} and {@code -XX:+AlwaysPreTouch}: the heap is resident from the start,
 *                    so a worker's memory does not depend on how much of it G1 happened to touch on a given VOD. The
 *                    workers need little heap (about 15 MB live, 7 young collections per media hour at 128 MB); their
 *                    memory is mostly native (FFmpeg, ONNX Runtime, JIT code).
 * @param quickJit    C1 only ({@code -XX:TieredStopAtLevel=1}): for the services whose own work is light next to
 *                    the workers' decoding, so their C2 compilations do not take the cores the decoders need
 */
public record ServiceSpec(String name, String module, int defaultPort, int defaultManagementPort, String maxHeap,
                          boolean fixedHeap, boolean quickJit) {

    /** In start order: the front door first, fusion last; they all wait for their topics anyway. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("ingest", "ingest-service", 8080, 9000, "512m", false, true),
            new ServiceSpec("chat", "chat-service", 8082, 0, "384m", false, true),
            new ServiceSpec("audio", "audio-service", 8083, 0, "128m", true, false),
            new ServiceSpec("video", "video-service", 8084, 0, "128m", true, false),
            new ServiceSpec("fusion", "fusion-service", 8085, 0, "384m", false, true));

    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
