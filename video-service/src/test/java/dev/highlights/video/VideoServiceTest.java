package dev.highlights.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Stage;
import dev.highlights.avro.VideoScore;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.testing.WorkerTestKit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service as deployed: Quarkus, the real broker and registry, a generated video. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class VideoServiceTest {

    @Inject
    VideoServiceConfig config;

    /** Tests and tools analyse with {@link VideoServiceConfig#shippedAnalysis()}: it must be what Quarkus builds. */
    @Test
    void theServiceRunsTheShippedAnalysisSettings() {
        assertThat(config.toAnalysisConfig()).isEqualTo(VideoServiceConfig.shippedAnalysis());
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void scoresEverySecondReportsBrokenMediaAndShowsHealthAndMetrics() throws Exception {
        // 60 s: mild motion, HIGH MOTION [12, 24), STATIC colour bars [24, 39), mild motion; hard cuts at 12, 24, 39.
        WorkerTestKit.Outcome<VideoScore> out = WorkerTestKit.goodAndBrokenSegments(LocalStack.shared(), Stage.VIDEO,
                Topics.VIDEO_SCORES.name(), TestVideos.fixture(), TestVideos.DURATION, 30, VideoScore::getSecond);
        List<VideoScore> scores = out.records();
        assertThat(WorkerTestKit.argMax(scores, VideoScore::getSecond, s -> (double) s.getMotion()))
                .isBetween(TestVideos.MOTION_FROM - 1L, (long) TestVideos.MOTION_TO);
        assertThat(WorkerTestKit.argMax(scores, VideoScore::getSecond, s -> (double) s.getModelScore()))
                .isBetween(TestVideos.MOTION_FROM - 1L, (long) TestVideos.MOTION_TO);
        List<Long> cuts = scores.stream().filter(VideoScore::getSceneCut).map(VideoScore::getSecond).toList();
        for (int cut : new int[] {TestVideos.CUT_1, TestVideos.CUT_2, TestVideos.CUT_3}) {
            assertThat(cuts).as("a cut within 1 s of %d in %s", cut, cuts).anyMatch(s -> Math.abs(s - cut) <= 1);
        }
        // The static run spans the segment boundary at 30 s: the pre-roll keeps its seconds flagged on both sides.
        assertThat(scores).filteredOn(s -> s.getSecond() >= TestVideos.STATIC_FROM + 1 && s.getSecond() < TestVideos.STATIC_TO - 1)
                .allSatisfy(s -> assertThat(s.getStaticScreen()).as("second %d", s.getSecond()).isTrue());
        assertThat(scores).filteredOn(VideoScore::getStaticScreen)
                .allSatisfy(s -> assertThat(s.getSecond()).isBetween(TestVideos.STATIC_FROM - 1L, (long) TestVideos.STATIC_TO));

        WorkerTestKit.assertHealthAndMetrics(root.toURI(), Stage.VIDEO, TestVideos.DURATION);
    }
}
