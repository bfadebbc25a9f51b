package dev.highlights.launcher;

import dev.highlights.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole pipeline on this machine: the embedded broker and registry ({@link LocalStack}) and the five
 * services as separate JVMs, health-checked. Closing it stops the services, then the stack; it is safe to close
 * twice (a shutdown hook and the normal path may both do it).
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param dataDir    broker data, service state and logs
     * @param fixedPorts the usual ports (Kafka 9092, registry 8081, services 8080 and 8082-8085); otherwise free ones
     * @param mediaRoots directories ingest may read media and chat from
     */
    public record Options(Path dataDir, boolean fixedPorts, List<Path> mediaRoots) {
    }

    private final LocalStack stack;
    private final List<ServiceProcess> services;
    private boolean closed;

    private EmbeddedPipeline(LocalStack stack, List<ServiceProcess> services) {
        this.stack = stack;
        this.services = services;
    }

    public static EmbeddedPipeline start(Path repositoryRoot, Options options, Consumer<String> log)
            throws InterruptedException {
        log.accept("starting Kafka broker and schema registry");
        LocalStack stack = LocalStack.start(new LocalStack.Config(options.dataDir().resolve("kafka"),
                options.fixedPorts() ? 9092 : 0, options.fixedPorts() ? 9093 : 0, options.fixedPorts() ? 8081 : 0));
        List<ServiceProcess> started = new ArrayList<>();
        EmbeddedPipeline pipeline = new EmbeddedPipeline(stack, started);
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                int port = options.fixedPorts() ? spec.defaultPort() : freePort();
                started.add(ServiceProcess.start(spec, repositoryRoot, port, serviceProperties(spec, stack, options),
                        options.dataDir().resolve("logs").resolve(spec.module() + ".log")));
            }
            log.accept("starting " + started.stream().map(s -> s.spec().name()).collect(Collectors.joining(", ")));
            for (ServiceProcess service : started) {
                service.awaitReady(READY_TIMEOUT);
                log.accept(service.spec().name() + " ready on " + service.baseUrl());
            }
            return pipeline;
        } catch (IOException e) {
            pipeline.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | InterruptedException e) {
            pipeline.close();
            throw e;
        }
    }

    /** The settings every service takes: where Kafka and the registry are, and where local state goes. */
    private static Map<String, String> serviceProperties(ServiceSpec spec, LocalStack stack, Options options) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        props.put("schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka-streams.state.dir", options.dataDir().resolve("state").resolve(spec.module()).toString());
        if (spec.name().equals("ingest")) {
            props.put("ingest.media-roots", options.mediaRoots().stream().map(Path::toString)
                    .collect(Collectors.joining(",")));
        }
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    public String ingestUrl() {
        return service("ingest").baseUrl();
    }

    public List<String> serviceUrls() {
        return services.stream().map(s -> s.spec().name() + " " + s.baseUrl()).toList();
    }

    /** A service that died while the pipeline runs, with its log's tail; null while all are alive. */
    public String deadService() {
        return services.stream().filter(s -> !s.isAlive()).findFirst()
                .map(s -> s.spec().name() + " stopped unexpectedly; last lines of its log:\n" + s.logTail(30))
                .orElse(null);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst().orElseThrow();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(s::close)).toArray(CompletableFuture[]::new)).join();
        stack.close();
    }
}
