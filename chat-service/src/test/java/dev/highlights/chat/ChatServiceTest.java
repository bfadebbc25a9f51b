package dev.highlights.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.ChatFeatures;
import dev.highlights.avro.ChatLevel;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The service as deployed: Quarkus, the real broker and registry, exactly-once. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ChatServiceTest {

    @Inject
    ChatServiceConfig config;

    /** Tests and tools build the engine from {@link ChatServiceConfig#shipped()}: it must be what Quarkus builds. */
    @Test
    void theServiceRunsTheShippedFeatureSettings() {
        assertThat(config.toFeatureConfig()).isEqualTo(ChatServiceConfig.shipped().toFeatureConfig());
    }

    @Test
    void turnsChatIntoPerSecondFeaturesAndReportsCompletion() {
        LocalStack stack = LocalStack.shared();
        String vodId = "svc-" + UUID.randomUUID();
        List<ChatMessage> chat = ChatMessages.chat(vodId, 0, 180, 3, 120, 130, 11);
        try (KafkaProducer<String, ChatMessage> producer = KafkaTestClients.producer(stack);
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            chat.subList(0, 10).forEach(m -> producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m)));
            producer.flush();
            // A record that is not Avro is reported and skipped; the VOD goes on.
            raw.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
            chat.subList(10, chat.size()).forEach(m -> producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, m)));
            producer.send(new ProducerRecord<>(Topics.CHAT_MESSAGES.name(), vodId, ChatMessages.end(vodId, 180)));
        }

        List<PipelineStatus> status = KafkaTestClients.readUntil(stack, Topics.PIPELINE_STATUS.name(), vodId,
                got -> got.stream().anyMatch(s -> s.getKind() == StatusKind.COMPLETED), Duration.ofSeconds(90));
        assertThat(status).anySatisfy(s -> {
            assertThat(s.getKind()).isEqualTo(StatusKind.ERROR);
            assertThat(s.getErrorCode()).isEqualTo("MALFORMED_RECORD");
        });
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getLastSecond()).isEqualTo(180L));

        List<ChatFeatures> features = KafkaTestClients.readFeaturesUntil(stack, vodId, got -> got.size() >= 181,
                Duration.ofSeconds(30));
        assertThat(features).filteredOn(f -> f.getRevision() == 1).extracting(ChatFeatures::getSecond)
                .hasSize(181).doesNotHaveDuplicates();
        assertThat(features).filteredOn(f -> f.getSecond() >= 120 && f.getSecond() < 130)
                .allSatisfy(f -> assertThat(f.getLevel()).isEqualTo(ChatLevel.EXCEPTIONAL));
        // A random background has the odd busy second; fusion's smoothing absorbs isolated ones.
        assertThat(features).filteredOn(f -> f.getLevel() == ChatLevel.EXCEPTIONAL && f.getSecond() < 120)
                .hasSizeLessThan(6);

        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream"));
    }
}
