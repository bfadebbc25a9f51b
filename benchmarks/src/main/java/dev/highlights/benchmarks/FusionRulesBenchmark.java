package dev.highlights.benchmarks;

import dev.highlights.fusion.FusionServiceConfig;
import dev.highlights.fusion.rules.DetectionRule;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.SyntheticVod;
import dev.highlights.fusion.rules.VodReplay;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * fusion-service's rules without Kafka: {@link FusionEngine} (smoothing, chat-lag estimation, rolling z-scores,
 * interval building, ranking) over one synthetic hour ({@link SyntheticVod}: a highlight every 90-270 s, chat 4 s
 * late), three inputs per second, from a fresh state to the final summary. Score: fused seconds per second on one
 * thread (the goal is 100 000 per core). {@code openIntervals}: one event per closed interval, or as the service runs
 * them (running intervals sent and revised every second); {@code detection}: the shipped CONFIRMED rule (robust
 * baselines, the lag window searched per second) or the REFERENCE rule of docs/detection.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class FusionRulesBenchmark {
    static final int SECONDS = 3600;

    @Param({"false", "true"})
    public boolean openIntervals;

    @Param({"CONFIRMED", "REFERENCE"})
    public DetectionRule detection;

    private FusionEngine engine;
    private List<Object> inputs;

    @Setup
    public void setup() {
        engine = new FusionEngine(FusionServiceConfig.shippedRules().toBuilder().emitOpenIntervals(openIntervals)
                .detection(detection).build());
        inputs = VodReplay.inputs(SyntheticVod.generate(42L, SECONDS, 4, 60), engine.config().detection());
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public VodReplay.Output wholeHour() {
        return VodReplay.run(engine, "vod-bench", inputs);
    }
}
