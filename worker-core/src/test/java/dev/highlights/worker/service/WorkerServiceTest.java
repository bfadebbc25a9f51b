package dev.highlights.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.Stage;
import dev.highlights.media.LocationPolicy;
import dev.highlights.worker.loop.SegmentAnalyzer;
import dev.highlights.worker.loop.SegmentWorkerConfig;
import dev.highlights.worker.loop.WorkerMetrics;
import dev.highlights.worker.testing.AudioStageAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The service runtime without a broker: settings precedence and the health states. */
class WorkerServiceTest {
    private static final LocationPolicy NO_MEDIA = new LocationPolicy(new LocationPolicy.Settings(List.of(), false, List.of()));

    static final SegmentAnalyzer<AudioScore> NOTHING = new AudioStageAnalyzer() {
        @Override
        public void analyze(MediaSegment segment, Consumer<List<AudioScore>> out) {
        }
    };

    @Test
    void workerOverridesWinOverThePassThroughAndTheGroupId() {
        Map<String, Object> props = WorkerService.kafkaProperties(
                Map.of("bootstrap.servers", "b:9092", "security.protocol", "SSL", "client.id", "global"),
                "http://registry:8081", "audio-service", Map.of("client.id", "mine", "max.poll.interval.ms", "600000"));
        assertThat(props).containsEntry("bootstrap.servers", "b:9092").containsEntry("security.protocol", "SSL")
                .containsEntry("schema.registry.url", "http://registry:8081").containsEntry("group.id", "audio-service")
                .containsEntry("client.id", "mine").containsEntry("max.poll.interval.ms", "600000");
    }

    @Test
    void aDeadLoopIsNotAliveAndAClosedServiceIsStopped() {
        // A setting the consumer rejects kills the loop thread at once: liveness must report it.
        WorkerService broken = new WorkerService(NOTHING, Map.of("bootstrap.servers", "localhost:1", "group.id", "g",
                "schema.registry.url", "http://localhost:1", "max.poll.interval.ms", "not-a-number"), new SegmentWorkerConfig(1, 10, Duration.ofSeconds(1), 3, NO_MEDIA),
                new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO), false, (short) 1);
        assertThat(broken.state()).isEqualTo(WorkerService.State.STARTING);
        broken.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> broken.state() == WorkerService.State.FAILED);
        assertThat(broken.failure()).contains("max.poll.interval.ms");
        broken.close();
        assertThat(broken.state()).isEqualTo(WorkerService.State.STOPPED);
    }

    @Test
    void unreachableBrokersKeepItStartingThenCloseCleanly() {
        WorkerService waiting = new WorkerService(NOTHING, Map.of("bootstrap.servers", "localhost:1", "group.id", "g",
                "schema.registry.url", "http://localhost:1", "request.timeout.ms", "500", "default.api.timeout.ms", "1000"),
                new SegmentWorkerConfig(1, 10, Duration.ofSeconds(1), 3, NO_MEDIA),
                new WorkerMetrics(new SimpleMeterRegistry(), Stage.AUDIO), true, (short) 1);
        waiting.start();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> waiting.state() == WorkerService.State.STARTING);
        waiting.close();
        assertThat(waiting.state()).isEqualTo(WorkerService.State.STOPPED);
    }
}
