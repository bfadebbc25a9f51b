package dev.highlights.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * run as a child JVM from the {@code kafka_2.13} jars. Storage is formatted on first start; later
 * starts on the same data directory keep every topic and record.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Where and how the broker runs. {@code heap} is the child JVM's -Xmx, e.g. "1g".
     *
     * @param sasl a second listener that asks every client for SCRAM credentials, or null for none
     */
    public record Config(Path dataDir, String host, int port, int controllerPort, String heap, Sasl sasl) {
        public static Config of(Path dataDir, int port, int controllerPort) {
            return new Config(dataDir, "127.0.0.1", port, controllerPort, "768m", null);
        }

        public Config withSasl(Sasl sasl) {
            return new Config(dataDir, host, port, controllerPort, heap, sasl);
        }
    }

    /**
     * A {@code SASL_PLAINTEXT} listener with SCRAM-SHA-256 and one user, as secured clusters ask clients to
     * authenticate. The broker logs every request it completes with the client id and the authenticated principal
     * ({@link #requestLog()}), so tests can tell which clients authenticated.
     */
    public record Sasl(int port, String user, String password) {
        public static final String MECHANISM = "SCRAM-SHA-256";

        /** The client settings that authenticate as this user. */
        public Map<String, Object> clientProperties() {
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                            + "\" password=\"" + password + "\";");
        }
    }

    private final Config config;
    private Process process;

    public KafkaBroker(Config config) {
        this.config = config;
    }

    public String bootstrapServers() {
        return config.host() + ":" + config.port();
    }

    /** The SASL listener's address, or null when the broker has none. */
    public String saslBootstrapServers() {
        return config.sasl() == null ? null : config.host() + ":" + config.sasl().port();
    }

    /** The client settings that authenticate on the SASL listener; empty without one. */
    public Map<String, Object> saslClientProperties() {
        return config.sasl() == null ? Map.of() : config.sasl().clientProperties();
    }

    /** Every request the broker completed, with client id, listener and principal (with a SASL listener only). */
    public Path requestLog() {
        return config.dataDir().resolve("requests.log");
    }

    /** Starts the broker and returns once it answers Admin requests. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(config.dataDir());
            Path properties = writeServerProperties();
            Path logConfig = writeLogConfig();
            if (!Files.exists(logDir().resolve("meta.properties"))) {
                format(properties, logConfig);
            }
            Path log = config.dataDir().resolve("broker.out");
            process = java(logConfig, "kafka.Kafka", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitReady();
            LOG.info("Kafka broker up at {} (data in {})", bootstrapServers(), config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker in " + config.dataDir(), e);
        }
    }

    /** Stops the broker cleanly (SIGTERM lets it close its logs), forcibly after 30 s. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker did not stop in 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private String saslListener() {
        return config.sasl() == null ? "" : ",SASL_PLAINTEXT://" + saslBootstrapServers();
    }

    private Path logDir() {
        return config.dataDir().resolve("kraft-logs");
    }

    private Path writeServerProperties() throws IOException {
        String controller = config.host() + ":" + config.controllerPort();
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller + saslListener(),
                "advertised.listeners=PLAINTEXT://" + bootstrapServers() + saslListener(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "log.dirs=" + logDir(),
                // One node: internal topics cannot be replicated, and few partitions start faster.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // Idle CPU: the controller appends a no-op record to the metadata log every 500 ms by default
                // (KIP-835: lets brokers notice a stuck controller), and every one is replicated, applied and
                // published by the broker side. One combined node has no one to tell: 5 s is enough.
                "metadata.max.idle.interval.ms=5000",
                config.sasl() == null ? "" : String.join("\n",
                        "sasl.enabled.mechanisms=" + Sasl.MECHANISM,
                        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
                                + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        // Clients authenticate again every 10 s, as on clusters whose credentials expire: a password
                        // changed on the broker reaches running clients too, not only new connections.
                        "listener.name.sasl_plaintext.connections.max.reauth.ms=10000"),
                "");
        Path file = config.dataDir().resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLogConfig() throws IOException {
        String text = String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + config.dataDir().resolve("broker.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                config.sasl() == null ? "" : String.join("\n",
                        // Request headers (client id), listener and principal of every completed request, no bodies.
                        "appender.requests.type=File",
                        "appender.requests.name=requests",
                        "appender.requests.fileName=" + requestLog(),
                        "appender.requests.layout.type=PatternLayout",
                        "appender.requests.layout.pattern=%m%n",
                        "logger.requests.name=kafka.request.logger",
                        "logger.requests.level=DEBUG",
                        "logger.requests.additivity=false",
                        "logger.requests.appenderRef.requests.ref=requests"),
                "");
        Path file = config.dataDir().resolve("log4j2.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private void format(Path properties, Path logConfig) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", properties.toString()));
        if (config.sasl() != null) {
            // KRaft keeps SCRAM credentials in its metadata log: the user exists from the first start.
            args.addAll(List.of("--add-scram", Sasl.MECHANISM + "=[name=" + config.sasl().user() + ",password="
                    + config.sasl().password() + "]"));
        }
        Process formatter = java(logConfig, "kafka.tools.StorageTool", args.toArray(String[]::new))
                .redirectErrorStream(true).start();
        String output = readAll(formatter.getInputStream());
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka storage in " + logDir() + " failed: " + output);
            }
        } catch (InterruptedException e) {
            formatter.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private ProcessBuilder java(Path logConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + config.heap(), "-XX:+UseG1GC",
                // Idle CPU: sample the JVM's perf counters once a second, not every 50 ms (jstat/jps only).
                "-XX:PerfDataSamplingInterval=1000",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig,
                "-cp", BrokerClasspath.get(),
                mainClass));
        if (QuickJit.enabled()) {
            // A one-node local broker: C2 compiled for most of its CPU in a run (BENCHMARKS.md, the local broker).
            command.add(1, QuickJit.FLAG);
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(config.dataDir().toFile());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                            + " while starting; see " + config.dataDir().resolve("broker.log") + ":\n" + tail());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("Kafka broker did not come up in " + START_TIMEOUT.toSeconds()
                                + " s at " + bootstrapServers() + ":\n" + tail());
                    }
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private String tail() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("broker.out", "broker.log")) {
            Path file = config.dataDir().resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException ignored) {
                // best effort: the tail only decorates an error message
            }
        }
        return out.toString();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
