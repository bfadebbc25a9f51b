package dev.highlights.ingest.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatAuthor;
import dev.highlights.avro.ChatEvent;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodIngestRequest;
import dev.highlights.avro.VodRegistered;
import dev.highlights.chatimport.ChatMessages;
import dev.highlights.ingest.core.LiveChatMessages;
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
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka front door on the real broker and registry: requests and chat pushed on vod-requests and chat-events
 * (Avro in the Confluent wire format, and JSON) give what the REST calls give; repeats change nothing; refusals are
 * ERROR events on pipeline-status and the consumer goes on.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class KafkaIngestTest extends ReadyService {
    private static final long START = 1_704_110_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<MediaSegment> BY_INDEX = Comparator.comparingInt(MediaSegment::getIndex);
    private static KafkaProducer<String, byte[]> producer;
    private static AvroSerializer<Object> avro;

    @BeforeAll
    static void clients() {
        LocalStack stack = LocalStack.shared();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        avro = new AvroSerializer<>(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
    }

    @AfterAll
    static void close() {
        producer.close();
        avro.close();
    }



    @Test
    void vodsPushedAsAvroAndAsJsonAreRegisteredExactlyLikeRestAndRepeatsChangeNothing() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String rest = "kr-" + u;
        String avroId = "ka-" + u;
        String jsonId = "kj-" + u;
        String media = TestMedia.uri("av.mp4");
        String chat = TestMedia.uri("chat/twitch-downloader.json");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", rest, "channel", "somestreamer", "title", "Finals", "mediaUri", media, "chatUri", chat))
                .post("/api/vods").then().statusCode(202);

        VodIngestRequest request = VodIngestRequest.newBuilder().setRequestId("req-" + avroId).setVodId(avroId)
                .setChannel("somestreamer").setTitle("Finals").setMediaUri(media).setChatUri(chat).setChatFormat(null)
                .setLive(false).setStreamStartEpochMs(null).build();
        String json = JSON.writeValueAsString(Api.vod("requestId", "req-" + jsonId, "id", jsonId,
                "channel", "somestreamer", "title", "Finals", "mediaUri", media, "chatUri", chat));
        for (int i = 0; i < 2; i++) { // the second push of each is a repeat
            send(Topics.VOD_REQUESTS.name(), avroId, avroBytes(Topics.VOD_REQUESTS.name(), request));
            send(Topics.VOD_REQUESTS.name(), jsonId, json.getBytes(StandardCharsets.UTF_8));
        }
        // Behind the repeats on the same partitions: the same ids with another title, refused as conflicts. Once
        // their errors are out, the repeats before them were served.
        request.setTitle("Other title");
        request.setRequestId("conflict-" + avroId);
        send(Topics.VOD_REQUESTS.name(), avroId, avroBytes(Topics.VOD_REQUESTS.name(), request));
        send(Topics.VOD_REQUESTS.name(), jsonId, JSON.writeValueAsString(Api.vod("requestId", "conflict-" + jsonId,
                "vodId", jsonId, "channel", "somestreamer", "title", "Other", "mediaUri", media, "chatUri", chat))
                .getBytes(StandardCharsets.UTF_8));
        for (String id : List.of(avroId, jsonId)) {
            assertThat(errors("conflict-" + id, 1)).singleElement().satisfies(s -> {
                assertThat(s.getErrorCode()).isEqualTo("VOD_CONFLICT");
                assertThat(s.getEventId()).isEqualTo("ingest/rejected/VOD_CONFLICT");
            });
        }

        Set<String> ids = Set.of(rest, avroId, jsonId);
        Map<String, List<VodRegistered>> vods = byVod(KafkaTestClients.<VodRegistered>read(Topics.VODS.name(),
                r -> ids.contains(r.key()), l -> l.size() >= 3, Duration.ofSeconds(30), Duration.ofSeconds(1)),
                VodRegistered::getVodId);
        Map<String, List<MediaSegment>> segments = byVod(KafkaTestClients.<MediaSegment>read(
                Topics.MEDIA_SEGMENTS.name(), r -> ids.contains(r.value().getVodId()), l -> l.size() >= 9,
                Duration.ofSeconds(30), Duration.ofSeconds(1)), MediaSegment::getVodId);
        Map<String, List<ChatMessage>> chats = byVod(KafkaTestClients.<ChatMessage>read(Topics.CHAT_MESSAGES.name(),
                r -> ids.contains(r.key()), l -> l.stream().filter(r -> r.value().getType() == ChatMessageType.END_OF_CHAT)
                        .count() >= 3, Duration.ofSeconds(60), Duration.ofSeconds(1)), ChatMessage::getVodId);

        assertThat(vods.get(rest)).hasSize(1);
        assertThat(segments.get(rest)).hasSize(3);
        assertThat(chats.get(rest)).hasSizeGreaterThan(5);
        for (String id : List.of(avroId, jsonId)) {
            assertThat(vods.get(id)).as("vods of %s", id).hasSize(1);
            assertThat(normalized(vods.get(id).get(0))).isEqualTo(normalized(vods.get(rest).get(0)));
            // Keyed by segment id, so spread over partitions: compared by index.
            assertThat(segments.get(id).stream().sorted(BY_INDEX).map(s -> normalized(s)).toList())
                    .as("work items of %s", id)
                    .containsExactlyElementsOf(segments.get(rest).stream().sorted(BY_INDEX).map(s -> normalized(s)).toList());
            assertThat(chats.get(id)).as("chat of %s", id).extracting(m -> normalized(m))
                    .containsExactlyElementsOf(chats.get(rest).stream().map(m -> normalized(m)).toList());
            List<PipelineStatus> status = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                    r -> id.equals(r.key()), l -> l.stream().anyMatch(r -> r.value().getKind() == StatusKind.COMPLETED),
                    Duration.ofSeconds(30), Duration.ofMillis(300)).stream().map(KafkaTestClients.Read::value).toList();
            assertThat(status).filteredOn(s -> s.getKind() == StatusKind.ACCEPTED).singleElement()
                    .satisfies(s -> assertThat(s.getSegmentsTotal()).isEqualTo(3));
            assertThat(status).noneMatch(s -> s.getKind() == StatusKind.ERROR);
        }
        given().get("/api/vods/" + jsonId).then().statusCode(200);
    }

    @Test
    void refusedRequestsAreStatusErrorsAndTheNextGoodOneStillRuns() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String key = "kb-" + u; // one key: one partition, in this order
        String good = "kg-" + u;
        send(Topics.VOD_REQUESTS.name(), key, json(Api.vod("requestId", "outside-" + u, "channel", "c", "title", "t",
                "mediaUri", TestMedia.outside().resolve("elsewhere.mp4").toUri().toString())));
        send(Topics.VOD_REQUESTS.name(), key, "this is neither Avro nor JSON".getBytes(StandardCharsets.UTF_8));
        send(Topics.VOD_REQUESTS.name(), key, new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2}); // Avro frame, unknown schema id
        send(Topics.VOD_REQUESTS.name(), key, json(Api.vod("requestId", "invalid-" + u, "title", "no channel",
                "mediaUri", TestMedia.uri("av.mp4"))));
        send(Topics.VOD_REQUESTS.name(), key, json(Api.vod("requestId", "broken-" + u, "channel", "c", "title", "t",
                "mediaUri", TestMedia.uri("broken.mp4"))));
        send(Topics.VOD_REQUESTS.name(), key, avroBytes(Topics.VOD_REQUESTS.name(), VodIngestRequest.newBuilder()
                .setRequestId(null).setVodId(good).setChannel("c").setTitle("Good one")
                .setMediaUri(TestMedia.uri("video-only.mp4")).setChatUri(null).setChatFormat(null).setLive(false)
                .setStreamStartEpochMs(null).build()));

        assertThat(errors("outside-" + u, 1)).singleElement()
                .satisfies(s -> assertThat(s.getErrorCode()).isEqualTo("MEDIA_OUTSIDE_ROOTS"));
        assertThat(errors("invalid-" + u, 1)).singleElement().satisfies(s -> {
            assertThat(s.getErrorCode()).isEqualTo("REQUEST_INVALID");
            assertThat(s.getMessage()).contains("channel is required");
        });
        assertThat(errors("broken-" + u, 1)).singleElement()
                .satisfies(s -> assertThat(s.getErrorCode()).startsWith("MEDIA_"));
        assertThat(errors(key, 2)).hasSize(2).allSatisfy(s -> {
            assertThat(s.getErrorCode()).isEqualTo("MALFORMED_RECORD");
            assertThat(s.getEventId()).startsWith("INGEST/malformed/vod-requests/");
        }).anySatisfy(s -> assertThat(s.getMessage()).contains("neither Avro"));

        List<PipelineStatus> accepted = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> good.equals(r.key()), l -> l.stream().anyMatch(r -> r.value().getKind() == StatusKind.ACCEPTED),
                Duration.ofSeconds(30), Duration.ZERO).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(accepted).anySatisfy(s -> assertThat(s.getKind()).isEqualTo(StatusKind.ACCEPTED));
        assertThat(KafkaTestClients.<MediaSegment>read(Topics.MEDIA_SEGMENTS.name(), r -> good.equals(r.value().getVodId()),
                l -> l.size() >= 2, Duration.ofSeconds(30), Duration.ZERO)).hasSize(2);
    }

    @Test
    void liveChatPushedAsEventsIsWrittenOnceLikeRestAndTheEndEventEndsTheStream() throws Exception {
        String id = "kl-" + UUID.randomUUID().toString().substring(0, 8);
        String chatTopic = Topics.CHAT_EVENTS.name();
        // The request and its chat at once: chat for a VOD not registered yet waits for it.
        send(Topics.VOD_REQUESTS.name(), id, json(Api.vod("id", id, "channel", "c", "title", "Live now",
                "mediaUri", TestMedia.uri("av.mp4"), "live", true, "streamStartEpochMs", START)));
        ChatMessage m1 = message(id, "m-1", 1.5, "Alice", "hello Kappa");
        m1.setEmotes(List.of(new Emote("25", "Kappa", 6, 10)));
        m1.setBadges(List.of(new Badge("subscriber", "12")));
        ChatMessage m2 = message(id, "", 2.0, "bob", "no id given");
        byte[] avroBatch = avroBytes(chatTopic, ChatEvent.newBuilder().setVodId(id).setMessages(List.of(m1, m2))
                .setEnd(false).build());
        String single = "{\"offsetSec\": 3, \"author\": \"carol\", \"text\": \"single\"}";
        String array = "[{\"epochMs\": 1704110404000, \"author\": {\"name\": \"Dave\"}, \"text\": \"one\", \"vodId\": \"" + id
                + "\"}, {\"offsetSec\": 5.5, \"author\": \"erin\", \"text\": \"two\", \"bits\": 100}]";
        for (int i = 0; i < 2; i++) { // the second round repeats every message
            send(chatTopic, id, avroBatch);
            send(chatTopic, id, single.getBytes(StandardCharsets.UTF_8));
            send(chatTopic, id, array.getBytes(StandardCharsets.UTF_8));
        }
        send(chatTopic, id, avroBytes(Topics.CHAT_MESSAGES.name(), message(id, "m-6", 6.25, "frank", "bare message")));
        send(chatTopic, id, "[{\"author\": \"x\", \"text\": \"no time\"}]".getBytes(StandardCharsets.UTF_8));
        send(chatTopic, id, json(Map.of("vodId", id, "end", true)));

        List<ChatMessage> chat = KafkaTestClients.<ChatMessage>read(Topics.CHAT_MESSAGES.name(), r -> id.equals(r.key()),
                l -> l.stream().anyMatch(r -> r.value().getType() == ChatMessageType.END_OF_CHAT), Duration.ofSeconds(60),
                Duration.ofSeconds(1)).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(chat).hasSize(7);
        assertThat(chat).extracting(ChatMessage::getMessageId).doesNotHaveDuplicates();
        assertThat(chat.get(0).getMessageId()).isEqualTo("m-1");
        assertThat(chat.get(0).getAuthor().getName()).isEqualTo("alice");
        assertThat(chat.get(0).getEmotes()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("Kappa"));
        assertThat(chat.get(1).getMessageId()).hasSize(32);
        // The JSON messages give exactly the records the REST live chat call gives.
        assertThat(chat.get(2)).isEqualTo(LiveChatMessages.toRecord(id, START, JSON.readTree(single), 0));
        assertThat(chat.subList(3, 5)).containsExactly(
                LiveChatMessages.toRecord(id, START, JSON.readTree(array).get(0), 0),
                LiveChatMessages.toRecord(id, START, JSON.readTree(array).get(1), 1));
        assertThat(chat.get(3).getOffsetSec()).isEqualTo(4.0);
        assertThat(chat.get(4).getType()).isEqualTo(ChatMessageType.CHEER);
        assertThat(chat.get(5).getMessageId()).isEqualTo("m-6");
        assertThat(chat.subList(0, 6)).allSatisfy(m -> assertThat(m.getSource()).isEqualTo("live"));
        ChatMessage end = chat.get(6);
        assertThat(end.getType()).isEqualTo(ChatMessageType.END_OF_CHAT);
        assertThat(end.getOffsetSec()).isEqualTo(6.0);
        assertThat(end.getText()).isEqualTo("6");

        List<PipelineStatus> status = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> id.equals(r.key()), l -> l.stream().anyMatch(r -> r.value().getKind() == StatusKind.COMPLETED),
                Duration.ofSeconds(30), Duration.ofMillis(500)).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.ERROR).singleElement().satisfies(s -> {
            assertThat(s.getErrorCode()).isEqualTo("CHAT_MESSAGE_INVALID");
            assertThat(s.getEventId()).startsWith("ingest/chat-event-rejected/CHAT_MESSAGE_INVALID/chat-events-");
            assertThat(s.getMessage()).contains("message 0 needs offsetSec or epochMs");
        });
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getEventId()).isEqualTo("ingest/live/ended"));
        // Chat for a VOD that is not live is refused like POST /api/vods/{id}/chat (409 VOD_NOT_LIVE).
        String notLive = id + "-vod";
        send(Topics.VOD_REQUESTS.name(), notLive, json(Api.vod("id", notLive, "channel", "c", "title", "VOD",
                "mediaUri", TestMedia.uri("video-only.mp4"))));
        send(chatTopic, notLive, single.getBytes(StandardCharsets.UTF_8));
        assertThat(errors(notLive, 1)).singleElement().satisfies(s -> assertThat(s.getErrorCode()).isEqualTo("VOD_NOT_LIVE"));
    }

    private static ChatMessage message(String vodId, String id, double offset, String author, String text) {
        return ChatMessage.newBuilder().setMessageId(id).setVodId(vodId).setOffsetSec(offset).setEpochMs(null)
                .setAuthor(new ChatAuthor(null, author, author, null)).setText(text).setEmotes(new ArrayList<>())
                .setBadges(new ArrayList<>()).setBits(0).setReplyParentId(null).setType(ChatMessageType.CHAT)
                .setSource(null).build();
    }

    private static List<PipelineStatus> errors(String key, int count) {
        return KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> key.equals(r.key()) && r.value().getKind() == StatusKind.ERROR, l -> l.size() >= count,
                Duration.ofSeconds(30), Duration.ofMillis(300)).stream().map(KafkaTestClients.Read::value).toList();
    }

    private static <V> Map<String, List<V>> byVod(Collection<KafkaTestClients.Read<V>> read,
                                                  java.util.function.Function<V, String> vodId) {
        Map<String, List<V>> out = new HashMap<>();
        read.forEach(r -> out.computeIfAbsent(vodId.apply(r.value()), k -> new ArrayList<>()).add(r.value()));
        return out;
    }

    /** The record as JSON with the VOD id (in any field), the registration time and hashed ids neutralised. */
    private static String normalized(SpecificRecord r) {
        String vodId = String.valueOf(r.get(r.getSchema().getField("vodId").pos()));
        String s = r.toString();
        if (r instanceof ChatMessage m && m.getMessageId().equals(ChatMessages.hashedId(vodId, m.getOffsetSec(),
                m.getAuthor().getName(), m.getText()))) {
            s = s.replace(m.getMessageId(), "HASHED-ID");
        }
        s = s.replace(vodId, "VOD");
        return s.replaceAll("\"registeredAtMs\": \\d+", "\"registeredAtMs\": 0");
    }

    private static byte[] json(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    private static byte[] avroBytes(String topic, Object record) {
        return avro.serialize(topic, record);
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
