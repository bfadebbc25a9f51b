package dev.highlights.localstack.registry;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A schema registry that speaks Confluent's REST API (subjects, versions, ids, compatibility, config,
 * Confluent's error codes) for Avro schemas, and keeps its state in a compacted Kafka topic the way
 * Confluent's does: every change is a record written synchronously before the HTTP answer, and the
 * topic is replayed at start, so ids and versions survive restarts. Single node: one server per topic.
 *
 * <pre>{@code
 * try (var registry = new SchemaRegistryServer(SchemaRegistryServer.Config.of(0, "localhost:9092"))) {
 *     registry.start();
 *     String url = registry.url();
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    static {
        // The JDK server writes response headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (~40 ms a request). Read once, when the first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int HTTP_THREADS = 8;
    private static final long DRAIN_MILLIS = 2_000;

    /**
     * @param host             address to bind the HTTP listener to
     * @param port             HTTP port; 0 picks a free one ({@link #url()} tells which)
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic            the compacted topic holding the registry's state
     */
    public record Config(String host, int port, String bootstrapServers, String topic) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public static Config of(int port, String bootstrapServers) {
            return new Config("127.0.0.1", port, bootstrapServers, "_schemas");
        }
    }

    private final Config config;
    private final String userInfo;
    private final AtomicLong refused = new AtomicLong();
    private RegistryLog log;
    private HttpApi api;
    private HttpServer http;
    private ExecutorService executor;
    private volatile String url;
    private boolean started;
    private boolean closed;

    public SchemaRegistryServer(Config config) {
        this(config, null);
    }

    /**
     * @param userInfo {@code user:password} that every request must carry as HTTP basic auth, as Confluent's registry
     *                 can ask; null for none
     */
    public SchemaRegistryServer(Config config, String userInfo) {
        this.config = Objects.requireNonNull(config, "config");
        if (userInfo != null && userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("userInfo must be user:password");
        }
        this.userInfo = userInfo;
    }

    /** Requests answered 401 since start: without credentials, or with wrong ones. */
    public long refusedRequests() {
        return refused.get();
    }

    /**
     * Creates the topic if missing (compacted, 1 partition, replication factor 1), replays it to the end,
     * then serves HTTP. Returns once the registry answers requests.
     *
     * @throws IllegalStateException when already started or closed, or when Kafka or the port is unusable
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        try {
            RegistryState state = new RegistryState();
            log = new RegistryLog(config.bootstrapServers(), config.topic(), state::apply);
            log.start();
            api = new HttpApi(new Registry(state, log));
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
            var context = http.createContext("/", api);
            if (userInfo != null) {
                context.setAuthenticator(new BasicAuth(userInfo, refused));
            }
            executor = newExecutor();
            http.setExecutor(executor);
            http.start();
            int port = http.getAddress().getPort();
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
            url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            LOG.info("Schema registry serving {} (topic {} on {})", url, config.topic(), config.bootstrapServers());
        } catch (IOException e) {
            shutdown();
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            shutdown();
            throw e instanceof IllegalStateException ? e : new IllegalStateException("Schema registry failed to start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, the bound port when configured with 0. */
    public String url() {
        String u = url;
        if (u == null) {
            throw new IllegalStateException("not started");
        }
        return u;
    }

    /** Stops HTTP (letting requests in flight finish, briefly) and the Kafka clients. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown();
        LOG.info("Schema registry {} stopped", url);
    }

    private void shutdown() {
        if (http != null) {
            long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
            while (api.inFlight() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            http.stop(0);
            http = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(40, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }

    private ExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        String prefix = "schema-registry-http-" + http.getAddress().getPort() + "-";
        return new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** HTTP basic auth against one {@code user:password}, counting what it refuses. */
    private static final class BasicAuth extends BasicAuthenticator {
        private final String user;
        private final String password;
        private final AtomicLong refused;

        BasicAuth(String userInfo, AtomicLong refused) {
            super("schema-registry");
            int colon = userInfo.indexOf(':');
            this.user = userInfo.substring(0, colon);
            this.password = userInfo.substring(colon + 1);
            this.refused = refused;
        }

        @Override
        public Result authenticate(HttpExchange exchange) {
            Result result = super.authenticate(exchange);
            if (!(result instanceof Success)) {
                refused.incrementAndGet();
            }
            return result;
        }

        @Override
        public boolean checkCredentials(String user, String password) {
            return this.user.equals(user) && this.password.equals(password);
        }
    }
}
