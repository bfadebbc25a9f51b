package dev.highlights.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.schemas.serde.AvroDeserializationException;
import dev.highlights.schemas.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacingExceptionHandlerTest {
    private final MockProducer<String, PipelineStatus> producer = new MockProducer<>(true, null, new StringSerializer(),
            (Serializer<PipelineStatus>) (topic, value) -> new byte[0]);
    private final AtomicLong clock = new AtomicLong();
    private final List<Long> waits = new ArrayList<>();

    private ThreadReplacingExceptionHandler handler() {
        return new ThreadReplacingExceptionHandler(Stage.FUSION, () -> producer, 3, Duration.ofMinutes(10), clock::get,
                ms -> {
                    waits.add(ms);
                    clock.addAndGet(Duration.ofMillis(ms).toNanos());
                });
    }

    @Test
    void aFailedThreadIsReplacedAndReportedUntilTheSameKeepsFailing() {
        ThreadReplacingExceptionHandler handler = handler();
        RuntimeException bug = new StreamsException(new IllegalStateException("a bug"));
        assertThat(handler.handle(bug)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(handler.handle(bug)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(handler.handle(bug)).as("third within 10 minutes").isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(producer.history()).hasSize(3).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("pipeline-status");
            assertThat(r.value().getKind()).isEqualTo(StatusKind.ERROR);
            assertThat(r.value().getStage()).isEqualTo(Stage.FUSION);
            assertThat(r.value().getErrorCode()).isEqualTo("STREAM_THREAD_FAILED");
            assertThat(r.value().getMessage()).contains("a bug");
        });
        // Failures spread out over time are each transient.
        ThreadReplacingExceptionHandler spread = handler();
        for (int i = 0; i < 6; i++) {
            clock.addAndGet(Duration.ofMinutes(6).toNanos());
            assertThat(spread.handle(bug)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
    }

    @Test
    void aRegistryOutageWaitsAndReplacesTheThreadWithoutReportOrLimit() {
        ThreadReplacingExceptionHandler handler = handler();
        RuntimeException outage = new StreamsException(new AvroDeserializationException("audio-scores", 7,
                "Cannot read record", new SchemaRegistryException("registry unreachable", new java.net.ConnectException())));
        for (int i = 0; i < 7; i++) {
            assertThat(handler.handle(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(producer.history()).isEmpty();
        // A later outage starts from a short wait again.
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        handler.handle(outage);
        assertThat(waits).last().isEqualTo(1_000L);
    }
}
