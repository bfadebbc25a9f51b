package dev.highlights.worker.service;

import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.SegmentWorker;
import dev.highlights.worker.loop.SegmentWorkerConfig;
import dev.highlights.worker.loop.WorkerMetrics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's runtime, free of any framework: creates the catalogue topics that are missing
 * (retrying while the brokers are unreachable), then runs the {@link SegmentWorker}; reports its
 * {@link State} for health checks; {@link #close()} stops it cleanly. {@link WorkerLifecycle} drives it
 * from Quarkus; anything else (a plain {@code main}, a test) can drive it the same way.
 */
public final class WorkerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);
    private static final long RETRY_MS = 2_000;

    /** Where the service stands. Ready: {@link #READY} only. Alive: all but {@link #FAILED}. */
    public enum State {
        /** Creating the topics (waiting for the brokers). */
        STARTING,
        /** The loop runs but is not (or no longer) in its group or connected to the brokers. */
        CONNECTING,
        /** The loop runs, is in its consumer group and connected. */
        READY,
        /** The loop thread died; the process should be restarted. */
        FAILED,
        /** Closed. */
        STOPPED
    }

    private final String name;
    private final SegmentWorker<?> worker;
    private final Map<String, Object> kafkaConfig;
    private final boolean createTopics;
    private final short replicationFactor;
    private final Thread starter;
    private final Object lock = new Object();
    private volatile boolean workerStarted;
    private volatile boolean closed;
    /** Why the topics could not be created at the last try while starting (unreachable, refused credentials). */
    private volatile String startUpProblem;

    /**
     * @param kafkaConfig       client properties of the loop (see {@link #kafkaProperties})
     * @param createTopics      create missing catalogue topics first
     * @param replicationFactor of the topics it creates
     */
    public WorkerService(SegmentAnalyzer<?> analyzer, Map<String, Object> kafkaConfig, SegmentWorkerConfig config,
                         WorkerMetrics metrics, boolean createTopics, short replicationFactor) {
        this.name = analyzer.stage().name().toLowerCase(Locale.ROOT);
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.worker = newWorker(analyzer, this.kafkaConfig, config, metrics);
        this.createTopics = createTopics;
        this.replicationFactor = replicationFactor;
        this.starter = new Thread(this::startUp, name + "-worker-start");
        this.starter.setDaemon(true);
    }

    private static <R extends SpecificRecord> SegmentWorker<R> newWorker(SegmentAnalyzer<R> analyzer,
                                                                          Map<String, Object> kafka,
                                                                          SegmentWorkerConfig config,
                                                                          WorkerMetrics metrics) {
        return new SegmentWorker<>(analyzer, kafka, config, metrics);
    }

    /**
     * The loop's client properties, later entries winning: the global pass-through ({@code kafka.*}
     * with the prefix removed), the registry URL, the group id, then the worker's own overrides.
     */
    public static Map<String, Object> kafkaProperties(Map<String, String> global, String schemaRegistryUrl,
                                                      String groupId, Map<String, String> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(global);
        if (schemaRegistryUrl != null && !schemaRegistryUrl.isBlank()) {
            props.put("schema.registry.url", schemaRegistryUrl);
        }
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putAll(overrides);
        return props;
    }

    /** Returns at once; topics and the loop start on a background thread. */
    public void start() {
        starter.start();
    }

    private void startUp() {
        while (createTopics && !closed) {
            try {
                Set<String> created = createMissingTopics();
                if (!created.isEmpty()) {
                    LOG.info("{} worker created the topics {}", name, created);
                }
                startUpProblem = null;
                break;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                startUpProblem = String.valueOf(e.getCause() == null ? e : e.getCause());
                LOG.warn("{} worker cannot create the topics yet (retrying in {} ms): {}{}", name, RETRY_MS, e,
                        e.getCause() == null ? "" : " (" + e.getCause() + ")");
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
        synchronized (lock) {
            if (!closed) {
                worker.start();
                workerStarted = true;
                // Keys only: values may hold credentials (sasl.jaas.config, basic.auth.user.info).
                LOG.info("{} worker taking work from {} as group {} (Kafka client settings: {})", name,
                        Topics.MEDIA_SEGMENTS.name(), kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG),
                        new java.util.TreeSet<>(kafkaConfig.keySet()));
            }
        }
    }

    private Set<String> createMissingTopics() throws InterruptedException {
        Map<String, Object> props = new HashMap<>();
        Set<String> known = AdminClientConfig.configNames();
        kafkaConfig.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        // Fail within seconds while the brokers are away (then retry); the API timeout must not be
        // shorter than a request timeout the user set.
        int requestTimeout = Integer.parseInt(String.valueOf(props.getOrDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.max(15_000, requestTimeout));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG) + "-admin");
        try (Admin admin = Admin.create(props)) {
            return Topics.createMissing(admin, replicationFactor);
        }
    }

    public State state() {
        if (closed) {
            return State.STOPPED;
        }
        if (!workerStarted) {
            return starter.isAlive() || starter.getState() == Thread.State.NEW ? State.STARTING : State.FAILED;
        }
        if (worker.hasFailed()) {
            return State.FAILED;
        }
        return worker.isConnected() ? State.READY : State.CONNECTING;
    }

    /** Why the loop died, when {@link State#FAILED}. */
    public String failure() {
        Throwable t = worker.failure();
        return t == null ? null : t.toString();
    }

    /** Why the service cannot reach the brokers now (unreachable, refused credentials), or null. */
    public String connectionProblem() {
        return workerStarted ? worker.authenticationFailure() : startUpProblem;
    }

    public String groupId() {
        return String.valueOf(kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
    }

    /** Stops the loop: in-flight segments finish within the shutdown timeout or are abandoned uncommitted. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        starter.interrupt();
        worker.close();
        LOG.info("{} worker stopped", name);
    }
}
