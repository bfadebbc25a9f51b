package dev.highlights.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import dev.highlights.schemas.serde.AvroSerializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The Kafka front door never loses a record it could not serve yet: a chat event waiting for its VOD keeps its
 * offset uncommitted until it is served, a record read while the schema registry is down waits for the registry
 * instead of being skipped as malformed, and the waiting room is bounded.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class FrontDoorHoldsRecordsTest extends ReadyService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "ingest-service-requests";



    @Test
    void aChatEventWaitingForItsVodKeepsItsOffsetUncommittedUntilItIsServed() throws Exception {
        String id = "kw-" + UUID.randomUUID().toString().substring(0, 8);
        RecordMetadata event = KafkaTestClients.sendBytes(Topics.CHAT_EVENTS.name(), id, chatEvent(id, "waiting"));
        TopicPartition partition = new TopicPartition(event.topic(), event.partition());

        Thread.sleep(7_000); // past the commit interval (5 s): a commit would have happened by now
        assertThat(committed(partition)).as("committed offset while the event waits").isLessThanOrEqualTo(event.offset());

        KafkaTestClients.sendBytes(Topics.VOD_REQUESTS.name(), id, JSON.writeValueAsBytes(Api.vod("id", id,
                "channel", "c", "title", "Live", "mediaUri", TestMedia.uri("av.mp4"), "live", true)));
        assertThat(KafkaTestClients.<ChatMessage>readKey(Topics.CHAT_MESSAGES.name(), id, 1))
                .singleElement().satisfies(m -> assertThat(m.getText()).isEqualTo("waiting"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (committed(partition) <= event.offset() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(committed(partition)).as("committed offset once served").isGreaterThan(event.offset());
    }

    @Test
    void aRequestReadWhileTheRegistryIsDownWaitsForItAndIsServed() throws Exception {
        String id = "kr-" + UUID.randomUUID().toString().substring(0, 8);
        LocalStack stack = LocalStack.shared();
        // A writer schema ingest has not read yet (one more optional field), so reading it needs the registry.
        byte[] value = newSchemaRequest(stack, id);
        stack.stopRegistry();
        try {
            KafkaTestClients.sendBytes(Topics.VOD_REQUESTS.name(), id, value);
            Thread.sleep(6_000); // ingest reads it now and cannot decode it; a skip would be reported as malformed
        } finally {
            stack.startRegistry();
        }
        List<PipelineStatus> after = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> id.equals(r.key()), l -> l.stream().anyMatch(s -> s.value().getKind() == StatusKind.ACCEPTED),
                Duration.ofSeconds(90), Duration.ZERO).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(after).as("read after the outage, not skipped as malformed").noneMatch(s -> s.getKind() == StatusKind.ERROR)
                .anySatisfy(s -> assertThat(s.getKind()).isEqualTo(StatusKind.ACCEPTED));
    }

    @Test
    void whenTheWaitingRoomIsFullAnEventForAnUnknownVodIsRefusedAtOnce() throws Exception {
        String id = "kf-" + UUID.randomUUID().toString().substring(0, 8);
        int room = 20; // ingest.kafka.max-waiting-chat-events in the tests
        for (int i = 0; i <= room; i++) {
            KafkaTestClients.sendBytes(Topics.CHAT_EVENTS.name(), id, chatEvent(id, "m" + i));
        }
        List<PipelineStatus> refused = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> id.equals(r.key()) && r.value().getKind() == StatusKind.ERROR, l -> !l.isEmpty(),
                Duration.ofSeconds(15), Duration.ofSeconds(1)).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(refused).singleElement().satisfies(s -> {
            assertThat(s.getErrorCode()).isEqualTo("VOD_NOT_FOUND");
            assertThat(s.getMessage()).contains("20 chat events already wait").contains("max-waiting-chat-events");
        });
        // The waiting ones are served once the VOD is registered (and the room is empty again for other tests).
        KafkaTestClients.sendBytes(Topics.VOD_REQUESTS.name(), id, JSON.writeValueAsBytes(Api.vod("id", id,
                "channel", "c", "title", "Live", "mediaUri", TestMedia.uri("av.mp4"), "live", true)));
        assertThat(KafkaTestClients.<ChatMessage>readKey(Topics.CHAT_MESSAGES.name(), id, room))
                .extracting(ChatMessage::getText).hasSize(room).doesNotContain("m" + room);
    }

    private static byte[] chatEvent(String vodId, String text) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("vodId", vodId);
        ArrayNode messages = event.putArray("messages");
        messages.addObject().put("offsetSec", 1).put("author", "a").put("text", text);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] newSchemaRequest(LocalStack stack, String vodId) throws Exception {
        ObjectNode schemaJson = (ObjectNode) JSON.readTree(VodIngestRequest.getClassSchema().toString());
        ((ArrayNode) schemaJson.get("fields")).addObject().put("name", "note" + vodId.replace("-", "_"))
                .putNull("default").putArray("type").add("null").add("string");
        Schema schema = new Schema.Parser().parse(schemaJson.toString());
        GenericRecord request = new GenericData.Record(schema);
        request.put("vodId", vodId);
        request.put("channel", "c");
        request.put("title", "Registry outage");
        request.put("mediaUri", TestMedia.uri("video-only.mp4"));
        request.put("live", false);
        // Another spelling of the registry's address: serdes of one process share id caches per address, and
        // the service under test must not find this schema in the test's cache.
        String registry = stack.schemaRegistryUrl().replace("127.0.0.1", "localhost");
        try (AvroSerializer<Object> avro = new AvroSerializer<>(Map.of("schema.registry.url", registry), false)) {
            return avro.serialize(Topics.VOD_REQUESTS.name(), request);
        }
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.shared().bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
