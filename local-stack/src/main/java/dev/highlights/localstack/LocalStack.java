package dev.highlights.localstack;

import dev.highlights.localstack.registry.SchemaRegistryServer;
import dev.highlights.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real Kafka broker (KRaft, child JVM) and a Confluent-API schema registry
 * (in this JVM, schemas kept in a compacted Kafka topic), with the pipeline's topics created.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** Set both to use a stack that is already running (e.g. one started by Testcontainers or by hand). */
    public static final String EXTERNAL_BOOTSTRAP = "highlights.test.kafka.bootstrap-servers";
    public static final String EXTERNAL_REGISTRY = "highlights.test.schema-registry.url";

    /**
     * Ports and data directory; port 0 picks a free port.
     *
     * @param registryUserInfo  {@code user:password} the registry asks of every request (HTTP basic auth), or null
     * @param kafkaSaslUserInfo {@code user:password} of a SCRAM user on a second, {@code SASL_PLAINTEXT} listener of
     *                          the broker (on a free port: {@link #saslBootstrapServers()}), or null for none
     */
    public record Config(Path dataDir, int kafkaPort, int controllerPort, int registryPort, String registryUserInfo,
                         String kafkaSaslUserInfo) {
        public Config(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
            this(dataDir, kafkaPort, controllerPort, registryPort, null, null);
        }
    }

    private static LocalStack shared;

    /** Null for an external stack. */
    private final KafkaBroker broker;
    private final int registryPort;
    private final String registryUserInfo;
    private SchemaRegistryServer registry;
    private final String externalBootstrap;
    private final String externalRegistryUrl;

    private LocalStack(KafkaBroker broker, int registryPort, String registryUserInfo) {
        this.broker = broker;
        this.registryPort = registryPort;
        this.registryUserInfo = registryUserInfo;
        this.externalBootstrap = null;
        this.externalRegistryUrl = null;
    }

    private LocalStack(String bootstrap, String registryUrl) {
        this.broker = null;
        this.registryPort = -1;
        this.registryUserInfo = null;
        this.externalBootstrap = bootstrap;
        this.externalRegistryUrl = registryUrl;
    }

    /** Starts a stack; ports of 0 are replaced by free ones, kept across {@link #restart()}. */
    public static LocalStack start(Config config) {
        KafkaBroker.Config brokerConfig = KafkaBroker.Config.of(config.dataDir(), ListenPorts.orFree(config.kafkaPort()),
                ListenPorts.orFree(config.controllerPort()));
        if (config.kafkaSaslUserInfo() != null) {
            String[] user = config.kafkaSaslUserInfo().split(":", 2);
            if (user.length != 2 || user[0].isEmpty()) {
                throw new IllegalArgumentException("kafkaSaslUserInfo must be user:password");
            }
            brokerConfig = brokerConfig.withSasl(new KafkaBroker.Sasl(ListenPorts.free(), user[0], user[1]));
        }
        KafkaBroker broker = new KafkaBroker(brokerConfig);
        LocalStack stack = new LocalStack(broker, ListenPorts.orFree(config.registryPort()), config.registryUserInfo());
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.stopAll(); // the broker is a child JVM: it must not outlive a start that failed
            throw e;
        }
        return stack;
    }

    /**
     * One stack per JVM for tests, started on first use on free ports in a temporary directory and
     * stopped when the JVM exits. With the {@link #EXTERNAL_BOOTSTRAP} and {@link #EXTERNAL_REGISTRY}
     * system properties set, it points at that stack instead of starting one.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            String bootstrap = System.getProperty(EXTERNAL_BOOTSTRAP);
            String registryUrl = System.getProperty(EXTERNAL_REGISTRY);
            if (bootstrap != null && registryUrl != null) {
                shared = new LocalStack(bootstrap, registryUrl);
                shared.createTopics();
            } else {
                try {
                    shared = start(new Config(Files.createTempDirectory("highlights-local-stack"), 0, 0, 0));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-stack-stop"));
            }
        }
        return shared;
    }

    public String bootstrapServers() {
        return broker == null ? externalBootstrap : broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return broker == null ? externalRegistryUrl : "http://127.0.0.1:" + registryPort; // also while it is stopped
    }

    /** Client properties that point a Kafka client and our (or Confluent's) serde at this stack. */
    public Map<String, Object> clientProperties() {
        return registryUserInfo == null
                ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), "schema.registry.url", schemaRegistryUrl())
                : Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), "schema.registry.url", schemaRegistryUrl(),
                        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", registryUserInfo);
    }

    /** The broker's SASL_PLAINTEXT listener, or null when it has none. */
    public String saslBootstrapServers() {
        return broker == null ? null : broker.saslBootstrapServers();
    }

    /** Client settings that authenticate on {@link #saslBootstrapServers()} (security protocol, mechanism, JAAS). */
    public Map<String, Object> saslClientProperties() {
        return broker == null ? Map.of() : broker.saslClientProperties();
    }

    /** The broker's log of completed requests (client id, listener, principal), kept with a SASL listener only. */
    public Path brokerRequestLog() {
        return broker == null ? null : broker.requestLog();
    }

    /** {@code user:password} the registry asks for, or null when it asks for none. */
    public String registryUserInfo() {
        return registryUserInfo;
    }

    /** Requests the registry answered 401 (no or wrong credentials) since it last started; 0 for an external one. */
    public synchronized long registryRefusedRequests() {
        return registry == null ? 0 : registry.refusedRequests();
    }

    /** Stops registry and broker and starts them again on the same ports and data. */
    public synchronized void restart() {
        if (broker == null) {
            throw new IllegalStateException("An external stack cannot be restarted from here");
        }
        stopAll();
        startAll();
    }

    /** Stops the schema registry alone (the broker stays up): an outage, for tests that clients ride it out. */
    public synchronized void stopRegistry() {
        if (broker == null) {
            throw new IllegalStateException("An external stack's registry cannot be stopped from here");
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /** Starts the registry again on the same port; it reads its schemas back from its Kafka topic. */
    public synchronized void startRegistry() {
        if (broker == null) {
            throw new IllegalStateException("An external stack's registry cannot be started from here");
        }
        if (registry == null) {
            registry = new SchemaRegistryServer(SchemaRegistryServer.Config.of(registryPort, broker.bootstrapServers()),
                registryUserInfo);
            registry.start();
        }
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            stopAll();
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        broker.start();
        registry = new SchemaRegistryServer(SchemaRegistryServer.Config.of(registryPort, broker.bootstrapServers()),
                registryUserInfo);
        registry.start();
        createTopics();
        LOG.info("Local stack ready in {} ms: kafka {} registry {}", (System.nanoTime() - started) / 1_000_000,
                bootstrapServers(), schemaRegistryUrl());
    }

    private void stopAll() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        broker.close();
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Topics.createMissing(admin, (short) 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
