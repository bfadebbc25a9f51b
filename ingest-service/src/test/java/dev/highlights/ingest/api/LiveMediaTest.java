package dev.highlights.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.highlights.avro.LiveMediaState;
import dev.highlights.avro.LivePart;
import dev.highlights.avro.MediaPart;
import dev.highlights.avro.MediaSegment;
import dev.highlights.avro.PipelineStatus;
import dev.highlights.avro.StatusKind;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Live HLS media: ingest follows the growing playlist of a live VOD and publishes work items as segments arrive,
 * across a sliding window, until the end list or {@code POST /end}.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(IngestTestResource.class)
class LiveMediaTest extends ReadyService {

    /** A directory under the media root with the five 4 s segments of hls/av.m3u8 and a live playlist of some. */
    private static Path liveDirectory() throws Exception {
        Path dir = Files.createDirectories(TestMedia.root().resolve("live-" + UUID.randomUUID().toString().substring(0, 8)));
        for (int i = 0; i < 5; i++) {
            String name = String.format("seg%03d.ts", i);
            Files.copy(TestMedia.root().resolve("hls").resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private static void writePlaylist(Path dir, int firstSequence, int segments, boolean ended) throws Exception {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:")
                .append(firstSequence).append('\n');
        for (int i = firstSequence; i < firstSequence + segments; i++) {
            text.append("#EXTINF:4.000000,\n").append(String.format("seg%03d.ts", i)).append('\n');
        }
        Path tmp = dir.resolve("live.m3u8.tmp");
        Files.writeString(tmp, text + (ended ? "#EXT-X-ENDLIST\n" : ""));
        Files.move(tmp, dir.resolve("live.m3u8"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String register(Path dir) {
        String id = "live-media-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Live", "mediaUri",
                        dir.resolve("live.m3u8").toUri().toString(), "live", true,
                        "streamStartEpochMs", System.currentTimeMillis() - 8_000))
                .post("/api/vods").then().statusCode(202).body("live", is(true));
        return id;
    }

    /** The VOD's work items in index order, once {@code done} holds for them. */
    private static List<MediaSegment> workItems(String id, Predicate<List<MediaSegment>> done) {
        return KafkaTestClients.<MediaSegment>read(Topics.MEDIA_SEGMENTS.name(), r -> id.equals(r.value().getVodId()),
                        l -> done.test(l.stream().map(KafkaTestClients.Read::value).toList()), Duration.ofSeconds(30),
                        Duration.ofMillis(200))
                .stream().map(KafkaTestClients.Read::value).sorted(Comparator.comparing(MediaSegment::getIndex)).toList();
    }

    private static Predicate<List<MediaSegment>> atLeast(int n) {
        return l -> l.size() >= n;
    }

    private static final Predicate<List<MediaSegment>> ENDED = l -> l.stream().anyMatch(MediaSegment::getLast);

    @Test
    void aSlidingLivePlaylistBecomesWorkItemsThatCoverEverySegmentOnceUntilItsEndList() throws Exception {
        Path dir = liveDirectory();
        writePlaylist(dir, 0, 2, false);
        String id = register(dir);
        assertThat(workItems(id, atLeast(1))).isNotEmpty();
        writePlaylist(dir, 1, 3, false); // segment 0 left the window, 2 and 3 are new
        workItems(id, atLeast(2));
        writePlaylist(dir, 3, 2, true); // 4, and the end
        List<MediaSegment> items = workItems(id, ENDED);

        assertThat(items).extracting(MediaSegment::getSegmentId)
                .containsExactlyElementsOf(IntStream.range(0, items.size()).mapToObj(i -> id + "/" + i).toList());
        MediaSegment last = items.get(items.size() - 1);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getCount()).isEqualTo(items.size());
        assertThat(items.subList(0, items.size() - 1)).allSatisfy(s -> {
            assertThat(s.getLast()).isFalse();
            assertThat(s.getCount()).isNull();
        });
        // Owned spans follow each other without overlap or hole, from the origin to the end of segment 4.
        double origin = items.get(0).getStartSec();
        assertThat(origin).as("the first segment started about 8 s after the stream").isBetween(0.0, 3.0);
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).getStartSec()).isEqualTo(items.get(i - 1).getEndSec());
            assertThat(items.get(i).getStartSec() % 1).isZero();
        }
        assertThat(last.getEndSec()).isCloseTo(origin + 20, org.assertj.core.data.Offset.offset(1e-6));
        // Every segment is named, each at its place on the timeline, as an absolute URI under the media root.
        List<MediaPart> parts = items.stream().flatMap(s -> s.getParts().stream()).distinct().toList();
        assertThat(parts).extracting(MediaPart::getUri).containsExactlyElementsOf(IntStream.range(0, 5)
                .mapToObj(i -> dir.resolve(String.format("seg%03d.ts", i)).toUri().toString()).toList());
        assertThat(parts).extracting(p -> Math.round((p.getStartSec() - origin) * 1e6) / 1e6)
                .containsExactly(0.0, 4.0, 8.0, 12.0, 16.0);
        assertThat(items).allSatisfy(s -> {
            assertThat(s.getHasAudio()).isTrue();
            assertThat(s.getHasVideo()).isTrue();
            assertThat(s.getMediaUri()).isEqualTo(dir.resolve("live.m3u8").toUri().toString());
        });

        // The end list ended the live VOD: its chat too, and media is not reported absent.
        List<PipelineStatus> status = KafkaTestClients.<PipelineStatus>read(Topics.PIPELINE_STATUS.name(),
                r -> id.equals(r.key()), l -> l.stream().anyMatch(r -> r.value().getKind() == StatusKind.COMPLETED),
                Duration.ofSeconds(20), Duration.ofMillis(200)).stream().map(KafkaTestClients.Read::value).toList();
        assertThat(status).filteredOn(s -> s.getKind() == StatusKind.COMPLETED).singleElement()
                .satisfies(s -> assertThat(s.getEventId()).isEqualTo("ingest/live/ended"));
        assertThat(status).noneMatch(s -> s.getKind() == StatusKind.MODALITY_ABSENT);
    }

    @Test
    void endingALiveVodPublishesWhatIsLeftAsTheFinalWorkItem() throws Exception {
        Path dir = liveDirectory();
        writePlaylist(dir, 0, 3, false);
        String id = register(dir);
        workItems(id, atLeast(1));
        given().post("/api/vods/" + id + "/end").then().statusCode(202).body("ended", is(true));
        List<MediaSegment> items = workItems(id, ENDED);
        MediaSegment last = items.get(items.size() - 1);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getCount()).isEqualTo(items.size());
        assertThat(last.getEndSec()).isCloseTo(items.get(0).getStartSec() + 12, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aFollowGoesOnFromWhereTheLiveMediaTopicSaysTheLastReplicaStood() throws Exception {
        Path dir = liveDirectory();
        writePlaylist(dir, 0, 3, false);
        String id = "live-media-" + UUID.randomUUID().toString().substring(0, 8);
        String playlist = dir.resolve("live.m3u8").toUri().toString();
        // A replica published work items 0 and 1 (up to second 7 of segments 0 and 1), then stopped.
        KafkaTestClients.produce(Topics.LIVE_MEDIA.name(), id, LiveMediaState.newBuilder().setVodId(id)
                .setMediaPlaylistUri(playlist).setNextSequence(2).setNextStartSec(8).setOwnedUntilSec(7)
                .setNextIndex(2).setLongestPartSec(4).setFinished(false).setUpdatedAtMs(System.currentTimeMillis())
                .setRecent(List.of(part(dir, 0, 0), part(dir, 1, 4))).build());
        Thread.sleep(1000); // the views take it in
        given().contentType(ContentType.JSON)
                .body(Api.vod("id", id, "channel", "c", "title", "Live", "mediaUri", playlist, "live", true,
                        "streamStartEpochMs", System.currentTimeMillis() - 12_000))
                .post("/api/vods").then().statusCode(202);
        workItems(id, atLeast(1));
        writePlaylist(dir, 0, 4, true);

        List<MediaSegment> items = workItems(id, ENDED);
        assertThat(items).extracting(MediaSegment::getIndex).containsExactly(2, 3);
        assertThat(items.get(0).getStartSec()).isEqualTo(7.0);
        assertThat(items.get(0).getEndSec()).isEqualTo(11.0);
        // Its 5 s of pre-roll reach back into segment 0, which the state remembered.
        assertThat(items.get(0).getParts()).extracting(MediaPart::getUri).containsExactly(part(dir, 0, 0).getUri(),
                part(dir, 1, 4).getUri(), dir.resolve("seg002.ts").toUri().toString());
        assertThat(items.get(1).getLast()).isTrue();
        assertThat(items.get(1).getCount()).isEqualTo(4);
        assertThat(items.get(1).getEndSec()).isEqualTo(16.0);
    }

    private static LivePart part(Path dir, int index, double startSec) {
        return LivePart.newBuilder().setUri(dir.resolve(String.format("seg%03d.ts", index)).toUri().toString())
                .setStartSec(startSec).setDurationSec(4).setInitUri(null).build();
    }
}
