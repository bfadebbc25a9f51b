package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.Stage;
import dev.highlights.avro.StatusKind;
import dev.highlights.avro.VodRegistered;
import dev.highlights.chatimport.ChatImportOptions;
import dev.highlights.chatimport.ChatImportResult;
import dev.highlights.chatimport.ChatImporter;
import dev.highlights.ingest.support.Api;
import dev.highlights.ingest.support.IngestTestResource;
import dev.highlights.ingest.support.KafkaTestClients;
import dev.highlights.ingest.support.ReadyService;
import dev.highlights.ingest.support.TestMedia;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Registration over REST on the real broker and registry: what is answered and what lands on the topics. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class VodRegistrationTest extends ReadyService {


    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersAVodWithChatAndPublishesVodSegmentsChatAndStatus() throws Exception {
        String id = newId("reg");
        String chat = TestMedia.uri("chat/twitch-downloader.json");
        Response r = given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "somestreamer", "title", "Finals", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", chat))
                .post("/api/vods");
        r.then().statusCode(202)
                .header("Location", endsWith("/api/vods/" + id))
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("hasAudio", is(true)).body("hasVideo", is(true)).body("hasChat", is(true))
                .body("segmentCount", is(3))
                .body("live", is(false));
        assertThat(r.jsonPath().getDouble("durationSec")).isBetween(19.5, 20.5);

        List<VodRegistered> vods = KafkaTestClients.readKey(Topics.VODS.name(), id, 1);
        assertThat(vods).singleElement().satisfies(v -> {
            assertThat(v.getSegmentCount()).isEqualTo(3);
            assertThat(v.getSegmentSec()).isEqualTo(8.0);
            assertThat(v.getChatUri()).isEqualTo(chat);
            assertThat(v.getHasAudio()).isTrue();
        });

        List<MediaSegment> segments = segments(id, 3);
        assertThat(segments).extracting(MediaSegment::getSegmentId).containsExactly(id + "/0", id + "/1", id + "/2");
        assertThat(segments).extracting(MediaSegment::getStartSec).containsExactly(0.0, 8.0, 16.0);
        assertThat(segments.get(0).getEndSec()).isEqualTo(8.0);
        assertThat(segments.get(2).getEndSec()).isBetween(19.5, 20.5);
        assertThat(segments).extracting(MediaSegment::getPreRollSec).containsExactly(0.0, 5.0, 5.0);
        assertThat(segments).extracting(MediaSegment::getLast).containsExactly(false, false, true);
        assertThat(segments).allSatisfy(s -> {
            assertThat(s.getCount()).isEqualTo(3);
            assertThat(s.getMediaUri()).startsWith("file:/").endsWith("/av.mp4");
        });

        // The chat, as the importer reads the same file, then the END_OF_CHAT marker.
        List<ChatMessage> expected = new ArrayList<>();
        ChatImportResult result = ChatImporter.importFile(TestMedia.root().resolve("chat/twitch-downloader.json"),
                ChatImportOptions.forVod(id), expected::add);
        List<ChatMessage> chatRecords = KafkaTestClients.readKey(Topics.CHAT_MESSAGES.name(), id, expected.size() + 1);
        assertThat(chatRecords).hasSize(expected.size() + 1);
        assertThat(chatRecords.subList(0, expected.size())).isEqualTo(expected);
        assertThat(chatRecords.get(expected.size()).getType()).isEqualTo(ChatMessageType.END_OF_CHAT);
        assertThat(chatRecords.get(expected.size())).isEqualTo(result.endOfChat(id));

        List<PipelineStatus> status = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                x -> id.equals(x.key()), l -> l.stream().anyMatch(s -> s.value().getKind() == StatusKind.COMPLETED),
                Duration.ofSeconds(30), Duration.ofMillis(500)).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(status).allSatisfy(s -> assertThat(s.getStage()).isEqualTo(Stage.INGEST));
        assertThat(status).anySatisfy(s -> {
            assertThat(s.getKind()).isEqualTo(StatusKind.ACCEPTED);
            assertThat(s.getSegmentsTotal()).isEqualTo(3);
        });
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getCount()).isEqualTo(result.messages()));
        if (result.malformed() > 0) {
            assertThat(status).filteredOn(s -> s.getKind() == StatusKind.WARNING).singleElement()
                    .satisfies(s -> assertThat(s.getCount()).isEqualTo(result.malformed()));
        }

        // The view folds the status topic.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .statusCode(200)
                .body("stages.INGEST.state", equalTo("COMPLETED"))
                .body("stages.INGEST.count", is((int) result.messages()))
                .body("stages.INGEST.warningCount", is(result.malformed() > 0 ? 1 : 0))
                .body("stages.AUDIO.state", equalTo("PENDING"))
                .body("stages.AUDIO.segmentsTotal", is(3))
                .body("stages.AUDIO.segmentsDone", is(0))
                .body("highlights.count", is(0)));
    }

    @Test
    void theSameRequestAgainIsAcceptedWithoutNewWorkAndADifferentOneConflicts() {
        String channel = newId("idem");
        var body = Api.vod("channel", channel, "title", "Same", "mediaUri", TestMedia.uri("video-only.mp4"));
        String location = given().contentType(ContentType.JSON).body(body).post("/api/vods")
                .then().statusCode(202).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(id).startsWith("vod-");
        given().contentType(ContentType.JSON).body(body).post("/api/vods")
                .then().statusCode(202).header("Location", endsWith("/api/vods/" + id)).body("id", equalTo(id));
        // Visible through the views too (not only through this replica's memory): repeat once the store has it.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .statusCode(200).body("stages.INGEST.state", equalTo("COMPLETED")));
        given().contentType(ContentType.JSON).body(body).post("/api/vods").then().statusCode(202);

        assertThat(segments(id, 2)).hasSize(2);
        assertThat(KafkaTestClients.<VodRegistered>readKey(Topics.VODS.name(), id, 1)).hasSize(1);

        body.put("title", "Another title");
        given().contentType(ContentType.JSON).body(body).post("/api/vods").then()
                .statusCode(409).contentType("application/problem+json")
                .body("status", is(409))
                .body("type", equalTo("urn:highlights:problem:vod-conflict"))
                .body("title", equalTo("The VOD id is taken by a different request"))
                .body("detail", containsString("title (registered: Same, requested: Another title)"));
    }

    @Test
    void aVodWithoutAudioSaysSoOnTheStatusTopicInTheWorkItemsAndInTheApi() {
        String id = newId("noaudio");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Silent", "mediaUri", TestMedia.uri("video-only.mp4")))
                .post("/api/vods").then().statusCode(202)
                .body("hasAudio", is(false)).body("hasVideo", is(true)).body("hasChat", is(false))
                .body("segmentCount", is(2))
                .body("stages.AUDIO.state", equalTo("ABSENT"))
                .body("stages.CHAT.state", equalTo("ABSENT"));
        List<PipelineStatus> status = KafkaTestClients.readKey(Topics.PIPELINE_STATUS.name(), id, 4);
        assertThat(status).anySatisfy(s -> {
            assertThat(s.getStage()).isEqualTo(Stage.AUDIO);
            assertThat(s.getKind()).isEqualTo(StatusKind.MODALITY_ABSENT);
            assertThat(s.getEventId()).isEqualTo("ingest/absent/AUDIO");
        });
        assertThat(status).anySatisfy(s -> {
            assertThat(s.getStage()).isEqualTo(Stage.CHAT);
            assertThat(s.getKind()).isEqualTo(StatusKind.MODALITY_ABSENT);
        });
        assertThat(status).noneSatisfy(s -> assertThat(s.getStage()).isEqualTo(Stage.VIDEO));
        assertThat(segments(id, 2)).allSatisfy(s -> {
            assertThat(s.getHasAudio()).isFalse();
            assertThat(s.getHasVideo()).isTrue();
        });

        String audioOnly = newId("novideo");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", audioOnly, "channel", "c", "title", "Radio", "mediaUri", TestMedia.uri("audio-only.m4a")))
                .post("/api/vods").then().statusCode(202)
                .body("hasAudio", is(true)).body("hasVideo", is(false)).body("stages.VIDEO.state", equalTo("ABSENT"));
    }

    @Test
    void anHlsVodPlaylistBecomesWorkItemsOnPlaylistSegmentBoundaries() {
        String id = newId("hls");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "HLS", "mediaUri", TestMedia.uri("hls/av.m3u8")))
                .post("/api/vods").then().statusCode(202)
                .body("hasAudio", is(true)).body("hasVideo", is(true));
        List<MediaSegment> segments = segments(id, 3);
        // Playlist segments of 4 s grouped to at least 8 s.
        assertThat(segments).extracting(MediaSegment::getStartSec).containsExactly(0.0, 8.0, 16.0);
        assertThat(segments).allSatisfy(s -> assertThat(s.getMediaUri()).endsWith("/hls/av.m3u8"));
        assertThat(segments.get(2).getLast()).isTrue();
    }

    @Test
    void mediaOverHttpFromAnAllowedHost() {
        String id = newId("http");
        String url = dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/av.mp4";
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Remote", "mediaUri", url,
                        "chatUri", dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/chat/twitch-downloader.json.gz"))
                .post("/api/vods").then().statusCode(202).body("hasAudio", is(true)).body("segmentCount", is(3));
        assertThat(segments(id, 3)).allSatisfy(s -> assertThat(s.getMediaUri()).isEqualTo(url));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/vods/" + id).then()
                .statusCode(200).body("stages.INGEST.state", equalTo("COMPLETED")));
    }

    @Test
    void aChatDownloadThatStallsIsStoppedAtTheImportDeadlineAndTheVodStillEnds() {
        String id = newId("stalled");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Stalled chat", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/stalled-chat.json"))
                .post("/api/vods").then().statusCode(202);
        // ingest.chat.import-timeout is 8 s in the tests: the import thread is freed, the error says why, and the
        // END_OF_CHAT marker lets the rest of the pipeline finish.
        List<PipelineStatus> status = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> id.equals(r.key()) && r.value().getKind() == StatusKind.ERROR, l -> !l.isEmpty(),
                Duration.ofSeconds(40), Duration.ZERO).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.getErrorCode()).isEqualTo("CHAT_IMPORT_TIMEOUT");
            assertThat(s.getMessage()).contains("ingest.chat.import-timeout");
        });
        assertThat(KafkaTestClients.<ChatMessage>readKey(Topics.CHAT_MESSAGES.name(), id, 1))
                .singleElement().satisfies(m -> assertThat(m.getType()).isEqualTo(ChatMessageType.END_OF_CHAT));
    }

    @Test
    void aPlaylistServerThatStallsCannotHoldTheRegistration() {
        // One byte, then nothing: without a deadline on the whole body the request would wait as long as the server.
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", newId("stalled-hls"), "channel", "c", "title", "Stalled playlist",
                        "mediaUri", dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/stalled.m3u8"))
                .post("/api/vods").then().statusCode(422).contentType("application/problem+json")
                .body("errorCode", equalTo("MEDIA_UNREACHABLE"))
                .body("detail", containsString("did not arrive whole within 5000 ms"));
    }

    @Test
    void aMediaServerThatTricklesCannotHoldTheProbe() {
        // A byte a second: every read is within ingest.http.timeout (5 s here), the whole probe is not.
        long started = System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", newId("trickle"), "channel", "c", "title", "Trickled media",
                        "mediaUri", dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/trickle.mp4"))
                .post("/api/vods").then().statusCode(422).contentType("application/problem+json")
                .body("errorCode", equalTo("MEDIA_PROBE_TIMEOUT"))
                .body("detail", containsString("within 8 s (ingest.probe-timeout)"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void unreadableMediaIs422AndAnErrorOnTheStatusTopic() {
        String id = newId("broken");
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Broken", "mediaUri", TestMedia.uri("broken.mp4")))
                .post("/api/vods").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:highlights:problem:media-unreadable"))
                .body("status", is(422))
                .body("errorCode", equalTo("MEDIA_UNREADABLE"))
                .body("detail", containsString("FFmpeg cannot read media"));
        List<PipelineStatus> status = KafkaTestClients.readKey(Topics.PIPELINE_STATUS.name(), id, 1);
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo(StatusKind.ERROR);
            assertThat(s.getErrorCode()).isEqualTo("MEDIA_UNREADABLE");
            assertThat(s.getMessage()).contains("broken.mp4");
        });
        given().get("/api/vods/" + id).then().statusCode(404);

        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "Missing", "mediaUri", TestMedia.uri("nothing-here.mp4")))
                .post("/api/vods").then().statusCode(422).body("errorCode", equalTo("MEDIA_NOT_FOUND"));
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "Live pl", "mediaUri", TestMedia.uri("hls/live.m3u8")))
                .post("/api/vods").then().statusCode(422).body("errorCode", equalTo("MEDIA_PLAYLIST_LIVE"))
                .body("detail", containsString("\"live\": true"));
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "Huge", "mediaUri",
                        dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/huge.mp4"))
                .post("/api/vods").then().statusCode(422).body("errorCode", equalTo("MEDIA_TOO_LARGE"));
    }

    @Test
    void locationsOutsideTheMediaRootsAreRefused() {
        forbidden("file:///etc/hostname", "MEDIA_OUTSIDE_ROOTS");
        forbidden(TestMedia.root().toUri() + "../outside/elsewhere.mp4", "MEDIA_PATH_TRAVERSAL");
        forbidden(TestMedia.root().toUri() + "hls/%2e%2e/%2e%2e/outside/elsewhere.mp4", "MEDIA_PATH_TRAVERSAL");
        forbidden(TestMedia.uri("escape.mp4"), "MEDIA_SYMLINK_ESCAPE");
        forbidden(TestMedia.root().toUri() + "linked-dir/elsewhere.mp4", "MEDIA_SYMLINK_ESCAPE");
        forbidden(TestMedia.uri("hls/escape.m3u8"), "MEDIA_OUTSIDE_ROOTS");
        forbidden("http://media.example.com/vod.mp4", "MEDIA_HOST_NOT_ALLOWED");
        forbidden(dev.highlights.ingest.support.TestHttpServer.baseUrl() + "/redirect-out", "MEDIA_HOST_NOT_ALLOWED");
        // A symlink that stays inside the root is fine.
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", newId("inlink"), "channel", "c", "title", "t", "mediaUri", TestMedia.uri("inside-link.mp4")))
                .post("/api/vods").then().statusCode(202);
        // Chat locations follow the same rules.
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"), "chatUri", "file:///etc/hostname"))
                .post("/api/vods").then().statusCode(403).body("errorCode", equalTo("CHAT_OUTSIDE_ROOTS"));
    }

    private static void forbidden(String uri, String code) {
        given().contentType(ContentType.JSON)
                .body(Api.vod("channel", "c", "title", "t", "mediaUri", uri))
                .post("/api/vods").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:highlights:problem:location-forbidden"))
                .body("title", equalTo("The location is not allowed"))
                .body("status", is(403))
                .body("errorCode", equalTo(code))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void badRequestsAreProblems() {
        // Not JSON at all.
        given().contentType(ContentType.JSON).body("{not json").post("/api/vods").then().statusCode(400)
                .contentType("application/problem+json").body("errorCode", equalTo("REQUEST_NOT_JSON"));
        // Missing fields, all listed.
        given().contentType(ContentType.JSON).body("{}").post("/api/vods").then().statusCode(400)
                .body("detail", containsString("channel is required"))
                .body("detail", containsString("mediaUri is required"));
        // Unknown chat format name.
        given().contentType(ContentType.JSON).body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", TestMedia.uri("chat/notes.txt"), "chatFormat", "youtube-xml"))
                .post("/api/vods").then().statusCode(400).body("type", equalTo("urn:highlights:problem:unknown-chat-format"));
        // A chat file whose format cannot be detected.
        given().contentType(ContentType.JSON).body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", TestMedia.uri("chat/notes.txt")))
                .post("/api/vods").then().statusCode(415).contentType("application/problem+json")
                .body("errorCode", equalTo("CHAT_FORMAT_UNKNOWN"));
        // A detected IRC log without the stream start.
        given().contentType(ContentType.JSON).body(Api.vod("channel", "c", "title", "t", "mediaUri", TestMedia.uri("av.mp4"),
                        "chatUri", TestMedia.uri("chat/twitch-irc.log")))
                .post("/api/vods").then().statusCode(400).body("errorCode", equalTo("CHAT_STREAM_START_MISSING"));
        // Unknown routes.
        given().get("/api/other").then().statusCode(404).contentType("application/problem+json");
        // Unsupported scheme.
        given().contentType(ContentType.JSON).body(Api.vod("channel", "c", "title", "t", "mediaUri", "ftp://host/a.mp4"))
                .post("/api/vods").then().statusCode(400).body("type", equalTo("urn:highlights:problem:unsupported-uri"));
        // Not JSON by content type.
        given().contentType(ContentType.TEXT).body("hello").post("/api/vods").then().statusCode(415)
                .contentType("application/problem+json").body("status", is(415));
        // Too large: declared length, and a chunked body without one.
        String big = "{\"title\":\"" + "x".repeat(20_000) + "\"}";
        given().contentType(ContentType.JSON).body(big).post("/api/vods").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("ingest.limits.max-request-size"));
        given().contentType(ContentType.JSON).body(new java.io.ByteArrayInputStream(big.getBytes())).post("/api/vods")
                .then().statusCode(413).contentType("application/problem+json");
        // Unknown VOD.
        given().get("/api/vods/no-such-vod").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:highlights:problem:vod-not-found"))
                .body("detail", containsString("no-such-vod"));
        given().get("/api/vods/no-such-vod/highlights").then().statusCode(404);
        // Wrong method.
        given().delete("/api/vods/no-such-vod").then().statusCode(405).contentType("application/problem+json");
    }


    @Test
    void openApiOnTheApiPortHealthAndMetricsOnlyOnTheManagementPort() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/vods/{id}/highlights/stream"));
        given().get(management + "health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().get(management + "health/live").then().statusCode(200);
        given().get(management + "metrics").then().statusCode(200)
                .body(containsString("ingest_vods"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().accept(ContentType.JSON).get("/api/vods/nothing").then().statusCode(404).body("instance", equalTo("/api/vods/nothing"));
    }

    private static List<MediaSegment> segments(String vodId, int count) {
        return KafkaTestClients.<MediaSegment>read(Topics.MEDIA_SEGMENTS.name(), r -> vodId.equals(r.value().getVodId()),
                        l -> l.size() >= count, Duration.ofSeconds(30), Duration.ofSeconds(1)).stream()
                .map(KafkaTestClients.Read::value)
                .sorted(java.util.Comparator.comparingInt(MediaSegment::getIndex)).toList();
    }
}
