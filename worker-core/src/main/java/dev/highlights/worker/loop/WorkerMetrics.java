package dev.highlights.worker.loop;

import dev.highlights.avro.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's Micrometer meters, tagged with the stage, for dashboards and for autoscaling next to
 * the consumer lag. Prometheus names:
 *
 * <ul>
 *   <li>{@code highlights_worker_media_seconds_total}: media seconds analysed (records emitted)</li>
 *   <li>{@code highlights_worker_segments_total{outcome=completed|error|absent|abandoned}}: segments done</li>
 *   <li>{@code highlights_worker_segment_duration_seconds}: wall time per segment</li>
 *   <li>{@code highlights_worker_segments_in_flight}: segments being analysed now</li>
 *   <li>{@code highlights_worker_step_duration_seconds{step=decode|features|inference|...}}: time of one
 *       step for one batch or segment, recorded by the analyzers</li>
 *   <li>{@code highlights_worker_errors_total{kind=media|location|worker|malformed-record}}: failed work items</li>
 * </ul>
 * The error counters exist (at 0) from the start, so dashboards and alerts see them before the first error.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final String stage;
    private final Counter mediaSeconds;
    private final Timer segmentTime;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Timer> steps = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry, Stage stage) {
        this.registry = registry;
        this.stage = stage.name().toLowerCase();
        this.mediaSeconds = Counter.builder("highlights.worker.media.seconds").tag("stage", this.stage)
                .description("Media seconds analysed").register(registry);
        this.segmentTime = Timer.builder("highlights.worker.segment.duration").tag("stage", this.stage)
                .description("Wall time per segment").register(registry);
        Gauge.builder("highlights.worker.segments.in.flight", inFlight, AtomicInteger::get).tag("stage", this.stage)
                .description("Segments being analysed now").register(registry);
        for (String kind : new String[] {"media", "location", "worker", "malformed-record"}) {
            errorCounter(kind);
        }
    }

    void segmentStarted() {
        inFlight.incrementAndGet();
    }

    void segmentFinished(String outcome, long seconds, Duration took) {
        inFlight.decrementAndGet();
        mediaSeconds.increment(seconds);
        segmentTime.record(took);
        registry.counter("highlights.worker.segments", "stage", stage, "outcome", outcome).increment();
    }

    void malformedRecord() {
        error("malformed-record");
    }

    /**
     * A work item failed: {@code media} (the file), {@code location} (refused by the media policy), {@code worker}
     * (model, bug) or {@code malformed-record}.
     */
    void error(String kind) {
        errorCounter(kind).increment();
    }

    private Counter errorCounter(String kind) {
        return errors.computeIfAbsent(kind, k -> Counter.builder("highlights.worker.errors").tag("stage", stage)
                .tag("kind", k).description("Work items that failed").register(registry));
    }

    /** Time spent in one step of the analysis (e.g. "decode", "features", "inference") for one batch. */
    public void recordStep(String step, Duration took) {
        steps.computeIfAbsent(step, s -> Timer.builder("highlights.worker.step.duration").tag("stage", stage)
                .tag("step", s).description("Time of one analysis step per batch or segment").register(registry))
                .record(took);
    }

    public int inFlight() {
        return inFlight.get();
    }
}
