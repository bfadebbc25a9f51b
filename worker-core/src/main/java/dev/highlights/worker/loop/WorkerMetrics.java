package dev.highlights.worker.loop;

import dev.highlights.avro.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's Micrometer meters (Prometheus names {@code highlights_worker_*}), tagged with the
 * stage, for dashboards and for autoscaling next to the consumer lag.
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final String stage;
    private final Counter mediaSeconds;
    private final Timer segmentTime;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WorkerMetrics(MeterRegistry registry, Stage stage) {
        this.registry = registry;
        this.stage = stage.name().toLowerCase();
        this.mediaSeconds = Counter.builder("highlights.worker.media.seconds").tag("stage", this.stage)
                .description("Media seconds analysed").register(registry);
        this.segmentTime = Timer.builder("highlights.worker.segment.duration").tag("stage", this.stage)
                .description("Wall time per segment").register(registry);
        registry.gauge("highlights.worker.segments.in.flight", io.micrometer.core.instrument.Tags.of("stage", this.stage),
                inFlight);
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
        registry.counter("highlights.worker.errors", "stage", stage, "kind", "malformed-record").increment();
    }

    /** Time spent in one step of the analysis (e.g. "decode", "features", "inference") for one batch. */
    public void recordStep(String step, Duration took) {
        Timer.builder("highlights.worker.step.duration").tag("stage", stage).tag("step", step)
                .register(registry).record(took);
    }

    public int inFlight() {
        return inFlight.get();
    }
}
