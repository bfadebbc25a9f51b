package dev.highlights.launcher;

import dev.highlights.localstack.QuickJit;
import dev.highlights.schemas.Topics;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service JVM started by the launcher: output to a log file, readiness from Quarkus's health endpoint. */
final class ServiceProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final int port;
    /** The management interface's port, or 0 when health is served on {@link #port}. */
    private final int managementPort;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(ServiceSpec spec, int port, int managementPort, Path logFile, Process process) {
        this.spec = spec;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts {@code java -Xmx.. -Dkey=value.. -jar <quarkus-run.jar>}; system properties override application.properties. */
    static ServiceProcess start(ServiceSpec spec, Path repositoryRoot, int port, int managementPort,
                                Map<String, String> properties, Path logFile) throws IOException {
        Path jar = spec.jar(repositoryRoot);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(spec.module() + " is not built (" + jar
                    + " is missing): ./highlights builds it, or run ./mvnw install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + spec.maxHeap());
        if (spec.fixedHeap()) {
            command.add("-Xms" + spec.maxHeap());
            command.add("-XX:+AlwaysPreTouch");
            // JavaCPP refuses native allocations once the process's RSS passes 4 x -Xmx (512 MB at 128m), while
            // FFmpeg, ONNX Runtime and, on a GPU, CUDA alone map more than that: no such cap beside a small heap.
            command.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        }
        // Idle CPU: the JVM's periodic task thread samples its perf counters (jstat/jps data) every 50 ms by
        // default, 20 wake-ups a second in each of five JVMs; once a second is plenty for those tools.
        command.add("-XX:PerfDataSamplingInterval=1000");
        if (spec.quickJit() && QuickJit.enabled()) {
            command.add(QuickJit.FLAG);
        }
        command.add("-Dquarkus.http.port=" + port);
        if (managementPort > 0) {
            command.add("-Dquarkus.management.port=" + managementPort);
        }
        if (!Topics.prefix().isEmpty()) {
            // The services name topics, groups and application ids as this launcher does.
            command.add("-D" + Topics.PREFIX_PROPERTY + "=" + Topics.prefix());
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())) // a restart goes on in the same log
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        return new ServiceProcess(spec, port, managementPort, logFile, process);
    }

    ServiceSpec spec() {
        return spec;
    }

    int port() {
        return port;
    }

    int managementPort() {
        return managementPort;
    }

    /** Ends the process at once (SIGKILL: no shutdown hooks, nothing flushed), as a crash would. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    boolean isReady() throws InterruptedException {
        try {
            return HTTP.send(readiness(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    HttpRequest readiness() {
        String health = managementPort > 0 ? "http://127.0.0.1:" + managementPort : baseUrl();
        return HttpRequest.newBuilder(URI.create(health + "/q/health/ready")).timeout(Duration.ofSeconds(3)).GET().build();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early, with the log's tail, if the process exits. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = readiness();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting; last lines of " + logFile + ":\n" + logTail(30));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready after " + timeout.toSeconds() + " s; last lines of "
                + logFile + ":\n" + logTail(30));
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then a kill after a grace period; children go too. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
