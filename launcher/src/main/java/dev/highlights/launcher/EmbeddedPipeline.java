package dev.highlights.launcher;

import dev.highlights.localstack.ListenPorts;
import dev.highlights.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
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
public final class EmbeddedPipeline implements PipelineEndpoints, AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param dataDir    broker data, service state and logs
     * @param fixedPorts the usual ports (Kafka 9092, registry 8081, services 8080 and 8082-8085); otherwise free ones
     * @param mediaRoots directories ingest may read media and chat from
     */
    /**
     * @param mediaRoots       directories ingest and the workers read media and chat files from
     * @param allowedHosts     the http(s) hosts they read from (empty: any public host; loopback only when named here)
     * @param registryUserInfo  {@code user:password} the registry asks of every client (HTTP basic auth), or null
     * @param kafkaSaslUserInfo {@code user:password} of a SCRAM user the services authenticate as, on the broker's
     *                          SASL listener (their only way in), or null: the plain listener, no authentication
     */
    public record Options(Path dataDir, boolean fixedPorts, List<Path> mediaRoots, List<String> allowedHosts,
                          String registryUserInfo, String kafkaSaslUserInfo) {
        public Options {
            // Child processes run elsewhere: every path they get must be absolute.
            dataDir = dataDir.toAbsolutePath().normalize();
            mediaRoots = mediaRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            allowedHosts = List.copyOf(allowedHosts);
        }

        public Options(Path dataDir, boolean fixedPorts, List<Path> mediaRoots, List<String> allowedHosts) {
            this(dataDir, fixedPorts, mediaRoots, allowedHosts, null, null);
        }

        public Options(Path dataDir, boolean fixedPorts, List<Path> mediaRoots) {
            this(dataDir, fixedPorts, mediaRoots, List.of());
        }
    }

    private final Path repositoryRoot;
    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalStack stack;
    private boolean closed;
    private boolean starting;

    /** Nothing runs yet: register {@link #close()} (e.g. in a shutdown hook) first, then {@link #start}. */
    public EmbeddedPipeline(Path repositoryRoot, Options options) {
        this.repositoryRoot = repositoryRoot;
        this.options = options;
    }

    /**
     * Starts the stack, then the services, and waits until every one is ready. A {@link #close()} from another
     * thread meanwhile (Ctrl-C) stops what has started and makes this fail; so does a service that never gets ready.
     */
    public EmbeddedPipeline start(Consumer<String> log) throws InterruptedException {
        synchronized (this) {
            if (closed || starting || stack != null) {
                throw new IllegalStateException("start() runs once, before close()");
            }
            starting = true;
        }
        try {
            return startAll(log);
        } finally {
            synchronized (this) {
                starting = false;
                notifyAll();
            }
        }
    }

    private EmbeddedPipeline startAll(Consumer<String> log) throws InterruptedException {
        log.accept("starting Kafka broker and schema registry");
        LocalStack started = LocalStack.start(new LocalStack.Config(options.dataDir().resolve("kafka"),
                options.fixedPorts() ? 9092 : 0, options.fixedPorts() ? 9093 : 0, options.fixedPorts() ? 8081 : 0,
                options.registryUserInfo(), options.kafkaSaslUserInfo()));
        synchronized (this) {
            stack = started;
            abortIfClosed();
        }
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                int port = options.fixedPorts() ? spec.defaultPort() : ListenPorts.free();
                int managementPort = spec.defaultManagementPort() == 0 ? 0
                        : options.fixedPorts() ? spec.defaultManagementPort() : ListenPorts.free();
                ServiceProcess service = ServiceProcess.start(spec, repositoryRoot, port, managementPort,
                        serviceProperties(spec, started, options),
                        options.dataDir().resolve("logs").resolve(spec.module() + ".log"));
                synchronized (this) {
                    services.add(service);
                    abortIfClosed();
                }
            }
            log.accept("starting " + services.stream().map(s -> s.spec().name()).collect(Collectors.joining(", ")));
            for (ServiceProcess service : List.copyOf(services)) {
                service.awaitReady(READY_TIMEOUT);
                log.accept(service.spec().name() + " ready on " + service.baseUrl());
            }
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | InterruptedException e) {
            boolean stopping = isClosed();
            close();
            if (stopping) {
                throw new PipelineStoppedException();
            }
            throw e;
        }
    }

    private void abortIfClosed() {
        if (closed) {
            // close() ran before this process was recorded: stop it here.
            services.forEach(ServiceProcess::close);
            if (stack != null) {
                stack.close();
            }
            throw new PipelineStoppedException();
        }
    }

    /** The pipeline was stopped (Ctrl-C) while something was waiting on it. */
    public static final class PipelineStoppedException extends RuntimeException {
        PipelineStoppedException() {
            super("stopped");
        }
    }

    /**
     * One client setting for every client of every service, by the keys a deployment sets it with (the chart writes
     * the same): the workers' and ingest's {@code kafka.*}, the Streams apps' {@code kafka-streams.*}, ingest's producer.
     */
    private static void forEveryClient(Map<String, String> props, String key, String value) {
        props.put("kafka." + key, value);
        props.put("kafka-streams." + key, value);
        props.put("ingest.producer.\"" + key + "\"", value);
    }

    /** The settings every service takes: where Kafka and the registry are, and where local state goes. */
    private static Map<String, String> serviceProperties(ServiceSpec spec, LocalStack stack, Options options) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", stack.saslBootstrapServers() != null ? stack.saslBootstrapServers()
                : stack.bootstrapServers());
        // SASL: every client of every service authenticates.
        stack.saslClientProperties().forEach((key, value) -> forEveryClient(props, key, String.valueOf(value)));
        props.put("schema.registry.url", stack.schemaRegistryUrl());
        props.put("kafka-streams.state.dir", options.dataDir().resolve("state").resolve(spec.module()).toString());
        if (options.registryUserInfo() != null) {
            forEveryClient(props, "basic.auth.credentials.source", "USER_INFO");
            forEveryClient(props, "basic.auth.user.info", options.registryUserInfo());
        }
        // This machine only: the embedded stack runs without an API key, so it must not be reachable from others.
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.management.host", "127.0.0.1");
        // One media policy: the workers read from the roots ingest accepts, and nothing else.
        String roots = options.mediaRoots().stream().map(Path::toString).collect(Collectors.joining(","));
        String hosts = String.join(",", options.allowedHosts());
        switch (spec.name()) {
            case "ingest" -> {
                props.put("ingest.media-roots", roots);
                if (!hosts.isEmpty()) {
                    props.put("ingest.http.allowed-hosts", hosts);
                }
            }
            case "audio", "video" -> {
                props.put(spec.name() + ".media.roots", roots);
                if (!hosts.isEmpty()) {
                    props.put(spec.name() + ".media.allowed-hosts", hosts);
                }
            }
            default -> {
            }
        }
        return props;
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    @Override
    public String ingestUrl() {
        return service("ingest").baseUrl();
    }

    public List<String> serviceUrls() {
        return services.stream().map(s -> s.spec().name() + " " + s.baseUrl()).toList();
    }

    /** A service that died while the pipeline runs, with its log's tail; null while all are alive. */
    @Override
    public String deadService() {
        return services.stream().filter(s -> !s.isAlive()).findFirst()
                .map(s -> s.spec().name() + " stopped unexpectedly; last lines of its log:\n" + s.logTail(30))
                .orElse(null);
    }

    /** The services whose readiness check does not answer 200 now (none while all are healthy). */
    public List<String> unreadyServices() throws InterruptedException {
        List<String> unready = new ArrayList<>();
        for (ServiceProcess s : List.copyOf(services)) {
            if (!s.isReady()) {
                unready.add(s.spec().name());
            }
        }
        return unready;
    }

    /**
     * Starts a service again on its port with its settings (its log goes on in the same file) and waits until it is
     * ready: after it died, or, with {@code crash}, after killing it first (SIGKILL, as a crash would end it).
     */
    public void restartService(String name, boolean crash) throws InterruptedException, IOException {
        relaunch(name, crash).awaitReady(READY_TIMEOUT);
    }

    /** As {@link #restartService}, without waiting until the service is ready ({@link #awaitReady} does). */
    public void relaunchService(String name, boolean crash) throws InterruptedException, IOException {
        relaunch(name, crash);
    }

    /** Waits until a service answers ready; fails, with its log's tail, when it exits or takes longer than start-up may. */
    public void awaitReady(String name) throws InterruptedException {
        service(name).awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess relaunch(String name, boolean crash) throws InterruptedException, IOException {
        ServiceProcess old = service(name);
        if (crash) {
            old.kill();
        } else {
            old.close();
        }
        ServiceProcess fresh = ServiceProcess.start(old.spec(), repositoryRoot, old.port(), old.managementPort(),
                serviceProperties(old.spec(), stack, options),
                options.dataDir().resolve("logs").resolve(old.spec().module() + ".log"));
        synchronized (this) {
            services.set(services.indexOf(old), fresh);
        }
        return fresh;
    }

    /** The broker and schema registry under the services. */
    public LocalStack stack() {
        return stack;
    }

    /** Where a service answers whether it is ready ({@code /q/health/ready}). */
    public String readinessUrl(String name) {
        return service(name).readiness().uri().toString();
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
        if (stack != null) {
            stack.close();
        }
        // A start in progress records and stops what it is starting now (abortIfClosed); wait for that, so that
        // a JVM exit right after close() leaves no process behind.
        long deadline = System.currentTimeMillis() + 60_000;
        while (starting && System.currentTimeMillis() < deadline) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
