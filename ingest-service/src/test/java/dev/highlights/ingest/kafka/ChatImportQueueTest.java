package dev.highlights.ingest.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodRegistered;
import dev.highlights.ingest.core.IngestStatus;
import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestHttpServer;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Chat imports are jobs on the vods topic: with one import thread, a registration whose chat download stalls holds
 * its record unacknowledged (a restart would redo it) until the import deadline (8 s here) ends it, and a second
 * registration's import waits in Kafka meanwhile and runs after; no registration is refused for being busy.
 */
@QuarkusTest
@TestProfile(ChatImportQueueTest.OneImportAtATime.class)
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class ChatImportQueueTest extends ReadyService {
    private static final String GROUP = "ingest-service-chat-imports";

    public static class OneImportAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.chat.import-threads", "1");
        }
    }



    @Test
    void aRegistrationStaysUncommittedUntilItsImportEndedAndTheNextWaitsItsTurn() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String stalled = "queue-a-" + u;
        String next = "queue-b-" + u;
        given().contentType(ContentType.JSON).body(Api.vod("id", stalled, "channel", "c", "title", "Stalled chat",
                        "mediaUri", TestMedia.uri("av.mp4"), "chatUri", TestHttpServer.baseUrl() + "/stalled-chat.json"))
                .post("/api/vods").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Api.vod("id", next, "channel", "c", "title", "Next",
                        "mediaUri", TestMedia.uri("av.mp4"), "chatUri", TestMedia.uri("chat/twitch-downloader.json")))
                .post("/api/vods").then().statusCode(202);
        KafkaTestClients.Read<VodRegistered> job = KafkaTestClients.<VodRegistered>read(Topics.VODS.name(),
                r -> stalled.equals(r.key()), l -> !l.isEmpty(), Duration.ofSeconds(20), Duration.ZERO).get(0);
        TopicPartition partition = new TopicPartition(Topics.VODS.name(), job.partition());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !statuses(stalled).isEmpty());
        assertThat(committed(partition)).as("committed offset while the import runs").isLessThanOrEqualTo(job.offset());

        List<PipelineStatus> first = awaitEnd(stalled);
        List<PipelineStatus> second = awaitEnd(next);
        PipelineStatus timedOut = first.stream().filter(s -> IngestStatus.CHAT_FAILED.equals(s.getEventId()))
                .findFirst().orElseThrow();
        assertThat(timedOut.getErrorCode()).isEqualTo("CHAT_IMPORT_TIMEOUT");
        PipelineStatus started = second.stream().filter(s -> IngestStatus.CHAT_STARTED.equals(s.getEventId()))
                .findFirst().orElseThrow();
        assertThat(started.getTimestampMs()).as("the second import started once the only thread was free")
                .isGreaterThanOrEqualTo(timedOut.getTimestampMs());
        assertThat(second).anyMatch(s -> IngestStatus.CHAT_COMPLETED.equals(s.getEventId()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> committed(partition) > job.offset());
    }

    private static List<PipelineStatus> statuses(String vodId) {
        return KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> vodId.equals(r.key()) && r.value().getEventId().startsWith("ingest/chat-import/"),
                l -> !l.isEmpty(), Duration.ofSeconds(2), Duration.ZERO).stream().map(KafkaTestClients.Read::value).toList();
    }

    private static List<PipelineStatus> awaitEnd(String vodId) {
        return KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> vodId.equals(r.key()) && r.value().getEventId().startsWith("ingest/chat-import/"),
                l -> l.stream().anyMatch(s -> s.value().getKind() == StatusKind.COMPLETED
                        || s.value().getKind() == StatusKind.ERROR), Duration.ofSeconds(40), Duration.ZERO)
                .stream().map(KafkaTestClients.Read::value).toList();
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.shared().bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
