package dev.highlights.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.Stage;
import dev.highlights.localstack.LocalStack;
import dev.highlights.localstack.LocalStackTestResource;
import dev.highlights.schemas.Topics;
import dev.highlights.worker.testing.TestMedia;
import dev.highlights.worker.testing.WorkerTestKit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service as deployed: Quarkus, the real broker and registry, a generated media file. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AudioServiceTest {

    @Inject
    AudioServiceConfig config;

    /** Tests and tools analyse with {@link AudioServiceConfig#shippedAnalyzer()}: it must be what Quarkus builds. */
    @Test
    void theServiceRunsTheShippedAnalyzerSettings() {
        assertThat(config.toAnalyzerConfig()).isEqualTo(AudioServiceConfig.shippedAnalyzer());
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void scoresEverySecondReportsBrokenMediaAndShowsHealthAndMetrics() throws Exception {
        Path dir = Files.createTempDirectory("audio-service-test");
        // 40 s of quiet noise with a loud burst during [20, 22) (AAC in MP4, with a small video stream).
        Path media = TestMedia.burstsMp4(dir, 40, false);

        WorkerTestKit.Outcome<AudioScore> out = WorkerTestKit.goodAndBrokenSegments(LocalStack.shared(), Stage.AUDIO,
                Topics.AUDIO_SCORES.name(), media, 40, 16, AudioScore::getSecond);
        List<AudioScore> scores = out.records();
        assertThat(WorkerTestKit.argMax(scores, AudioScore::getSecond, s -> (double) s.getRmsDbfs())).isBetween(19L, 22L);
        assertThat(WorkerTestKit.argMax(scores, AudioScore::getSecond, s -> (double) s.getModelScore())).isBetween(19L, 22L);

        WorkerTestKit.assertHealthAndMetrics(root.toURI(), Stage.AUDIO, 40);
    }
}
