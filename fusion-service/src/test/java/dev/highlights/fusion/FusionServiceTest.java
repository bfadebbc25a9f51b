package dev.highlights.fusion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.avro.VodHighlightSummary;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.serde.AvroSerializer;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;

/** The service as deployed: Quarkus, the real broker and registry, exactly-once. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FusionServiceTest {

    @Inject
    FusionServiceConfig config;

    /** Tests and tools build the rules with {@link FusionServiceConfig#shippedRules()}: it must be what Quarkus builds. */
    @Test
    void theServiceRunsTheShippedRules() {
        assertThat(config.toFusionConfig()).isEqualTo(FusionServiceConfig.shippedRules());
    }

    @Test
    void fusesTheInputTopicsIntoHighlightsAndASummary() {
        LocalStack stack = LocalStack.shared();
        String vodId = "fusion-" + UUID.randomUUID();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false))) {
            for (FusionInputs.Input input : FusionInputs.vod(vodId, 9)) {
                producer.send(new ProducerRecord<>(input.topic(), vodId, input.value()));
            }
        }

        SpecificAvroDeserializer<HighlightEvent> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<HighlightEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, HighlightEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of("highlights"));
            long end = System.currentTimeMillis() + 90_000;
            while (events.stream().noneMatch(e -> e.getPayload() instanceof VodHighlightSummary)
                    && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, HighlightEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (vodId.equals(r.key())) {
                        events.add(r.value());
                    }
                }
            }
        }
        assertThat(events).filteredOn(e -> e.getPayload() instanceof Highlight).isNotEmpty()
                .allSatisfy(e -> assertThat(((Highlight) e.getPayload()).getStartSec())
                        .isBetween(FusionInputs.MOMENT_START - 6.0, FusionInputs.MOMENT_START + 1.0));
        assertThat(events).filteredOn(e -> e.getPayload() instanceof VodHighlightSummary).singleElement()
                .satisfies(e -> assertThat(((VodHighlightSummary) e.getPayload()).getHighlights()).hasSize(1));

        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
