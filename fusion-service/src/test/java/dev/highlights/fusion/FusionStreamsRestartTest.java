package dev.highlights.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once on the real broker: two VODs, one fused without interruption and one whose run is
 * stopped half way, its local state wiped (restored from the changelog) and restarted. Both give
 * the same highlights, none duplicated.
 */
@ExtendWith(LocalStackExtension.class)
class FusionStreamsRestartTest {

    @Test
    void stoppingAndRestartingMidVodGivesIdenticalHighlights(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString();
        String steady = "steady-" + run;
        String restarted = "restarted-" + run;
        List<FusionInputs.Input> steadyInputs = FusionInputs.vod(steady, 21);
        List<FusionInputs.Input> restartedInputs = FusionInputs.vod(restarted, 21); // same values, other id
        int half = restartedInputs.size() / 2;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fusion-restart-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("fusion-restart").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            KafkaStreams first = start(stack, props, "first");
            steadyInputs.forEach(i -> producer.send(new ProducerRecord<>(i.topic(), steady, i.value())));
            restartedInputs.subList(0, half).forEach(i -> producer.send(new ProducerRecord<>(i.topic(), restarted, i.value())));
            producer.flush();
            readSummary(stack, steady); // the first instance has worked through what was sent
            first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            first.cleanUp();

            KafkaStreams second = start(stack, props, "second");
            try {
                restartedInputs.subList(half, restartedInputs.size())
                        .forEach(i -> producer.send(new ProducerRecord<>(i.topic(), restarted, i.value())));
                producer.flush();
                List<HighlightEvent> restartedEvents = readSummary(stack, restarted);
                List<HighlightEvent> steadyEvents = readSummary(stack, steady);
                // Same values; the ids differ only because they are derived from the VOD id.
                assertThat(highlights(restartedEvents)).isNotEmpty()
                        .isEqualTo(highlights(steadyEvents).stream().map(h -> Highlight.newBuilder(h).setVodId(restarted)
                                .setHighlightId(highlights(restartedEvents).get(0).getHighlightId()).build()).toList());
                assertThat(summary(restartedEvents).getHighlights()).hasSameSizeAs(summary(steadyEvents).getHighlights());
            } finally {
                second.close(Duration.ofSeconds(30));
            }
        }
    }

    private static List<Highlight> highlights(List<HighlightEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof Highlight).map(e -> (Highlight) e.getPayload()).toList();
    }

    private static VodHighlightSummary summary(List<HighlightEvent> events) {
        return events.stream().filter(e -> e.getPayload() instanceof VodHighlightSummary)
                .map(e -> (VodHighlightSummary) e.getPayload()).findFirst().orElseThrow();
    }

    private static List<HighlightEvent> readSummary(LocalStack stack, String vodId) {
        SpecificAvroDeserializer<HighlightEvent> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<HighlightEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, HighlightEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of("highlights"));
            long end = System.currentTimeMillis() + 90_000;
            while (out.stream().noneMatch(e -> e.getPayload() instanceof VodHighlightSummary)
                    && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, HighlightEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (vodId.equals(r.key())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param instance the instance's static group membership ({@code group.instance.id}): what lets
     *                 {@code CloseOptions.leaveGroup(true)} take it out of the group at once (Kafka Streams' consumer does
     *                 not leave on close otherwise, and the next instance would wait out the session timeout)
     */
    private static KafkaStreams start(LocalStack stack, Properties props, String instance) throws InterruptedException {
        Properties withInstance = new Properties();
        withInstance.putAll(props);
        withInstance.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + instance);
        KafkaStreams streams = new KafkaStreams(FusionTopology.build(new FusionEngine(FusionServiceConfig.shippedRules()),
                Map.of("schema.registry.url", stack.schemaRegistryUrl()), Duration.ofSeconds(1)), withInstance);
        streams.start();
        long end = System.currentTimeMillis() + 60_000;
        while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return streams;
    }
}
