package dev.highlights.worker.service;

import dev.highlights.schemas.Topics;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.onnx.OnnxSessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quarkus side of a worker service, shared by audio-service and video-service (each only adds a
 * {@link WorkerDefinition} bean and its config mapping): on {@link StartupEvent} it builds the
 * analyzer (a bad model fails start-up), the metrics on Quarkus's {@link MeterRegistry} and the
 * {@link WorkerService}; on {@link ShutdownEvent} it stops the loop cleanly; it contributes the
 * {@code segment-worker} readiness (UP while the loop is in its group and connected) and liveness
 * (DOWN once the loop thread has died) checks.
 *
 * <p>Kafka settings, as Quarkus users know them: {@code kafka.bootstrap.servers} (required), every
 * other {@code kafka.*} property passed to the clients without its prefix (e.g.
 * {@code kafka.security.protocol}), {@code schema.registry.url}, then the worker's own
 * {@code <prefix>.kafka."..."} overrides and {@code <prefix>.group-id}.
 */
@ApplicationScoped
public class WorkerLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLifecycle.class);
    private static final String KAFKA_PREFIX = "kafka.";

    @Inject
    WorkerDefinition definition;
    @Inject
    MeterRegistry registry;
    @Inject
    Config config;

    private volatile WorkerService service;
    private OnnxSessions sessions;

    void onStart(@Observes StartupEvent event) {
        WorkerServiceConfig c = definition.config();
        String stage = definition.stage().name().toLowerCase(Locale.ROOT);
        WorkerMetrics metrics = new WorkerMetrics(registry, definition.stage());
        sessions = new OnnxSessions(c.onnxConfig());
        SegmentAnalyzer<?> analyzer;
        try {
            analyzer = definition.createAnalyzer(sessions, metrics);
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
        LOG.info("{} analyzer ready, ONNX Runtime provider {} ({})", stage, sessions.activeProvider(),
                sessions.providerDetail());
        Map<String, Object> kafka = WorkerService.kafkaProperties(kafkaPassThrough(),
                config.getOptionalValue("schema.registry.url", String.class).orElse(null),
                c.groupId().orElse(Topics.prefix() + stage + "-service"), c.kafka());
        service = new WorkerService(analyzer, kafka, c.segmentWorkerConfig(), metrics, c.createTopics(),
                c.topicReplicationFactor());
        service.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        WorkerService s = service;
        if (s != null) {
            s.close();
        }
        if (sessions != null) {
            sessions.close();
        }
    }

    /**
     * {@code kafka.*} without the prefix, then environment variables {@code KAFKA_*} the way Quarkus's
     * Kafka extension reads them ({@code KAFKA_SASL_MECHANISM} is {@code sasl.mechanism});
     * {@code kafka.bootstrap.servers} must be set.
     */
    Map<String, String> kafkaPassThrough() {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> fromEnv = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String plain = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
            if (plain.startsWith(KAFKA_PREFIX) && plain.length() > KAFKA_PREFIX.length()) {
                config.getOptionalValue(plain, String.class)
                        .ifPresent(v -> out.put(plain.substring(KAFKA_PREFIX.length()), v));
            } else if (plain.matches("KAFKA_[A-Z0-9_]+")) {
                config.getOptionalValue(plain, String.class).ifPresent(v -> fromEnv.put(
                        plain.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v));
            }
        }
        out.putAll(fromEnv);
        out.put("bootstrap.servers", config.getValue("kafka.bootstrap.servers", String.class));
        return out;
    }

    /** The service's state (STARTING before start-up has run). */
    public WorkerService.State state() {
        WorkerService s = service;
        return s == null ? WorkerService.State.STARTING : s.state();
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> response(state() == WorkerService.State.READY);
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> response(state() != WorkerService.State.FAILED);
    }

    private HealthCheckResponse response(boolean up) {
        WorkerService s = service;
        var b = HealthCheckResponse.named("segment-worker").status(up)
                .withData("stage", definition.stage().name())
                .withData("state", state().name());
        if (s != null) {
            b.withData("group", s.groupId());
            String failure = s.failure();
            if (failure != null) {
                b.withData("failure", failure);
            }
            String problem = s.connectionProblem();
            if (problem != null) {
                b.withData("connectionProblem", problem);
            }
        }
        return b.build();
    }
}
