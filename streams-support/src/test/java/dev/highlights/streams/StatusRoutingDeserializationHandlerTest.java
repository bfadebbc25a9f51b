package dev.highlights.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackExtension;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroDeserializationException;
import dev.highlights.schemas.serde.SpecificAvroDeserializer;
import dev.highlights.streams.StatusRoutingDeserializationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The documented route for unreadable records: an ERROR on pipeline-status, then skip. */
@ExtendWith(LocalStackExtension.class)
class StatusRoutingDeserializationHandlerTest {

    @Test
    void aRecordReadWhileTheRegistryIsDownFailsTheTaskInsteadOfBeingSkipped() {
        StatusRoutingDeserializationHandler handler = new StatusRoutingDeserializationHandler();
        org.apache.kafka.clients.producer.MockProducer<String, dev.highlights.avro.PipelineStatus> producer =
                new org.apache.kafka.clients.producer.MockProducer<>();
        handler.configure(Stage.CHAT, producer);
        var record = new ConsumerRecord<>("chat-messages", 0, 7L, "vod".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 9});
        var response = handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null, record,
                new AvroDeserializationException("chat-messages", 9, "Cannot read record", new
                        dev.highlights.schemas.serde.SchemaRegistryException("registry unreachable", new java.net.ConnectException())));
        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void reportsTheRecordOnTheStatusTopicAndContinues(LocalStack stack) {
        String vodId = "poison-" + UUID.randomUUID();
        Map<String, Object> streamsConfig = new HashMap<>();
        streamsConfig.put("bootstrap.servers", stack.bootstrapServers());
        streamsConfig.put("schema.registry.url", stack.schemaRegistryUrl());
        streamsConfig.put(StatusRoutingDeserializationHandler.STAGE_CONFIG, "fusion");
        StatusRoutingDeserializationHandler handler = new StatusRoutingDeserializationHandler();
        handler.configure(streamsConfig);

        var record = new ConsumerRecord<>("audio-scores", 2, 41L, vodId.getBytes(StandardCharsets.UTF_8),
                "garbage".getBytes(StandardCharsets.UTF_8));
        var response = handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null, record, new AvroDeserializationException("audio-scores", -1,
                "Record on topic audio-scores is not Confluent-framed Avro: unknown magic byte 0x67", null));
        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);

        SpecificAvroDeserializer<PipelineStatus> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        try (KafkaConsumer<String, PipelineStatus> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "status-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(java.util.List.of(Topics.PIPELINE_STATUS.name()));
            PipelineStatus found = null;
            long end = System.currentTimeMillis() + 30_000;
            while (found == null && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, PipelineStatus> r : consumer.poll(Duration.ofMillis(300))) {
                    if (vodId.equals(r.key())) {
                        found = r.value();
                    }
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.getStage()).isEqualTo(Stage.FUSION);
            assertThat(found.getKind()).isEqualTo(StatusKind.ERROR);
            assertThat(found.getErrorCode()).isEqualTo("MALFORMED_RECORD");
            assertThat(found.getMessage()).contains("audio-scores-2@41").contains("magic byte 0x67");
        }
    }
}
