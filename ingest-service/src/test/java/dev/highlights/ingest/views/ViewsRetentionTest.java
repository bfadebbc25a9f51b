package dev.highlights.ingest.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.ingest.support.Records;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.SpecificAvroSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The views keep a VOD's progress and highlights as long as their topics keep its records, no longer. */
class ViewsRetentionTest {
    private static final Map<String, Object> REGISTRY = Map.of("schema.registry.url", "mock://views-retention");
    private static final Duration RETENTION = Duration.ofDays(30);

    @Test
    void vodsWithoutARecordForTheRetentionAreDroppedFromTheStatusAndHighlightViews() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-retention");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ViewsTopology.build(REGISTRY, false, RETENTION, clock, update -> { }), props)) {
            TestInputTopic<String, PipelineStatus> status = driver.createInputTopic(Topics.PIPELINE_STATUS.name(),
                    Serdes.String().serializer(), serializer(PipelineStatus.class));
            TestInputTopic<String, HighlightEvent> highlights = driver.createInputTopic(Topics.HIGHLIGHTS.name(),
                    Serdes.String().serializer(), serializer(HighlightEvent.class));
            Instant withinRetention = now.minus(Duration.ofDays(29));
            Instant beforeRetention = now.minus(RETENTION).minus(Duration.ofHours(1));

            // As a replica rebuilding its views finds them: a VOD last heard of 29 days ago, one 30 days and an hour.
            status.pipeInput("kept", Records.segmentDone("kept", Stage.AUDIO, 0, 1, 9), withinRetention);
            highlights.pipeInput("kept", Records.event(Records.highlight("kept", "h1", 1, 3, 9, 0.8)), withinRetention);
            status.pipeInput("stale", Records.segmentDone("stale", Stage.AUDIO, 0, 1, 9), beforeRetention);
            highlights.pipeInput("stale", Records.event(Records.highlight("stale", "h1", 1, 3, 9, 0.8)), beforeRetention);
            KeyValueStore<String, byte[]> statusStore = driver.getKeyValueStore(ViewsTopology.STATUS_STORE);
            KeyValueStore<String, byte[]> highlightStore = driver.getKeyValueStore(ViewsTopology.HIGHLIGHTS_STORE);
            assertThat(statusStore.get("stale")).as("not yet: the views sweep every 10 minutes").isNotNull();

            // The views cannot schedule (global stores): the next record after the sweep interval sweeps.
            clock.now = now.plus(Duration.ofMinutes(11));
            status.pipeInput("other", Records.segmentDone("other", Stage.AUDIO, 0, 1, 9), clock.now);
            highlights.pipeInput("other", Records.event(Records.highlight("other", "h1", 1, 3, 9, 0.8)), clock.now);

            assertThat(statusStore.get("stale")).isNull();
            assertThat(highlightStore.get("stale")).isNull();
            assertThat(statusStore.get("kept")).isNotNull();
            assertThat(highlightStore.get("kept")).isNotNull();
            assertThat(ViewJson.read(statusStore.get("kept"), VodProgress.class).lastInputMs)
                    .isEqualTo(withinRetention.toEpochMilli());
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(REGISTRY, false);
        return serde.serializer();
    }
}
