package dev.highlights.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The truth file carries labels, chat lags, vocabulary and community, and still reads files written before them. */
class SampleTruthTest {

    /** A truth file as the generator wrote it before labels and lags existed (the demo's default schedule). */
    static final String OLD_DEMO_TRUTH = """
            {"format":"highlights-sample-truth/1","durationSec":240,"width":640,"height":360,"fps":30,"seed":20240504,
             "moments":[
              {"kind":"HYPE","startSec":62,"endSec":82,"chatStartSec":66,"chatEndSec":85,"expectHighlight":true},
              {"kind":"DECOY_LOUD_MOTION","startSec":94,"endSec":109,"chatStartSec":null,"chatEndSec":null,
               "expectHighlight":false},
              {"kind":"DECOY_CHAT_SPIKE","startSec":118,"endSec":122,"chatStartSec":118,"chatEndSec":122,
               "expectHighlight":false},
              {"kind":"HYPE","startSec":132,"endSec":152,"chatStartSec":136,"chatEndSec":155,"expectHighlight":true},
              {"kind":"DECOY_STATIC_SCREEN","startSec":160,"endSec":190,"chatStartSec":166,"chatEndSec":186,
               "expectHighlight":false},
              {"kind":"QUIET","startSec":190,"endSec":202,"chatStartSec":null,"chatEndSec":null,"expectHighlight":false},
              {"kind":"HYPE","startSec":202,"endSec":220,"chatStartSec":206,"chatEndSec":223,"expectHighlight":true}]}
            """;

    @Test
    void newFieldsRoundTrip(@TempDir Path dir) throws Exception {
        SampleSpec spec = CommunityChatTest.SMALL;
        Path file = dir.resolve(SampleVod.TRUTH_FILE);
        SampleTruth.write(spec, file);
        assertThat(SampleTruth.read(file)).isEqualTo(spec);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.path("format").asText()).isEqualTo("highlights-sample-truth/1");
        assertThat(root.path("vocabulary").asText()).isEqualTo("held-out");
        assertThat(root.path("community").asText()).isEqualTo("small");
        JsonNode hype = root.path("moments").get(0);
        assertThat(hype.path("kind").asText()).isEqualTo("HYPE");
        assertThat(hype.path("label").asText()).isEqualTo("highlight");
        assertThat(hype.path("chatLagSec").asDouble()).isEqualTo(6.3);
        assertThat(hype.path("chatStartSec").asInt()).isEqualTo(106);
        assertThat(hype.path("expectHighlight").asBoolean()).isTrue();
        JsonNode raid = root.path("moments").get(1);
        assertThat(raid.path("label").asText()).isEqualTo("raid");
        assertThat(raid.path("chatLagSec").isNull()).isTrue();
        assertThat(raid.path("expectHighlight").asBoolean()).isFalse();
        List<String> labels = root.path("moments").findValuesAsText("label");
        assertThat(labels).containsExactly("highlight", "raid", "giveaway", "copypasta", "highlight",
                "chat_fluctuation", "static_screen");
    }

    @Test
    void everyEvaluationVodRoundTrips(@TempDir Path dir) throws Exception {
        for (EvalSet set : List.of(EvalSets.tuning(), EvalSets.heldOut(), EvalSets.regression())) {
            for (EvalSet.Vod vod : set.vods()) {
                Path file = dir.resolve(vod.name() + ".json");
                SampleTruth.write(vod.spec(), file);
                assertThat(SampleTruth.read(file)).as(vod.name()).isEqualTo(vod.spec());
            }
        }
    }

    @Test
    void anOldTruthFileStillReadsAsTheDemoAndItsSampleIsReused(@TempDir Path dir) throws Exception {
        Path sample = dir.resolve("sample");
        Files.createDirectories(sample);
        Files.writeString(sample.resolve(SampleVod.TRUTH_FILE), OLD_DEMO_TRUTH);
        SampleSpec read = SampleTruth.read(sample.resolve(SampleVod.TRUTH_FILE));
        assertThat(read).isEqualTo(SampleSpec.defaults());
        assertThat(read.vocabulary()).isEqualTo(Vocabulary.DEMO);
        assertThat(read.community()).isEqualTo(Community.BUSY);
        assertThat(read.moments().get(0).chatLagSec()).isEqualTo(4.0);
        assertThat(read.moments().get(2).chatLagSec()).as("a chat spike is no reaction").isNull();
        assertThat(read.moments()).extracting(PlantedMoment::label).containsExactly("highlight", "loud_visual",
                "chat_fluctuation", "highlight", "static_screen", "quiet", "highlight");
        // a demo sample generated before this change is still good: ensure reuses it instead of regenerating
        Files.writeString(sample.resolve(SampleVod.VIDEO_FILE), "not regenerated");
        SampleChat.write(read, SampleChat.comments(read), sample.resolve(SampleVod.CHAT_FILE));
        SampleVodFiles files = SampleVod.ensure(sample, SampleSpec.defaults());
        assertThat(files.generated()).isFalse();
        assertThat(Files.readString(sample.resolve(SampleVod.VIDEO_FILE))).isEqualTo("not regenerated");
    }
}
