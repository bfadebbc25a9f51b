package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String VIEW = """
            {"id":"vod-1","durationSec":240.0,"highlights":{"final":true,"count":2,"items":[
              {"highlightId":"h-b","revision":2,"startSec":118.0,"endSec":141.0,"peakSec":125.0,"score":2.4,
               "chatContribution":2.0,"audioContribution":0.3,"videoContribution":0.1,"chatLagSec":4.0,
               "snappedToSceneCut":true,"reason":"chat EXCEPTIONAL 31 msg/s </script> & more","rank":1},
              {"highlightId":"h-a","revision":1,"startSec":48.0,"endSec":62.0,"peakSec":55.0,"score":1.9,
               "chatContribution":1.7,"audioContribution":0.2,"videoContribution":0.0,"chatLagSec":4.0,
               "snappedToSceneCut":false,"reason":"chat HIGH 12 msg/s","rank":2}]}}
            """;

    @Test
    void jsonListsTheRankedHighlightsWithTheContractFieldsAndReadsBack(@TempDir Path dir) throws Exception {
        List<Report.Highlight> highlights = Report.highlights(JSON.readTree(VIEW));
        Path file = Report.writeJson(dir, highlights);

        JsonNode written = JSON.readTree(file.toFile());
        assertThat(written.isArray()).isTrue();
        assertThat(written).hasSize(2);
        assertThat(written.get(0).path("startSec").asDouble()).isEqualTo(118.0);
        assertThat(written.get(0).path("endSec").asDouble()).isEqualTo(141.0);
        assertThat(written.get(0).path("score").asDouble()).isEqualTo(2.4);
        assertThat(written.get(0).path("reason").asText()).startsWith("chat EXCEPTIONAL");
        assertThat(written.get(0).path("durationSec").asDouble()).isEqualTo(23.0);
        assertThat(Report.readJson(file)).isEqualTo(highlights);
    }

    @Test
    void pageInlinesTheDataSafelyAndPointsAtTheVideoRelatively(@TempDir Path dir) throws Exception {
        Path media = dir.resolve("media/vod.mp4");
        Path out = dir.resolve("out");
        String source = Report.videoSource(out, media.toUri().toString());
        assertThat(source).isEqualTo("../media/vod.mp4");

        List<ScoreTimeline.Second> seconds = List.of(
                new ScoreTimeline.Second(0, 2, 0.1, "NONE", 0.2, -30, Double.NaN, Double.NaN, false, false),
                new ScoreTimeline.Second(1, 30, 0.9, "EXCEPTIONAL", 0.8, -10, 0.7, 40, true, false));
        Path page = Report.writeHtml(out, "Finals <day 2>", source, Report.highlights(JSON.readTree(VIEW)), seconds);

        String html = Files.readString(page);
        assertThat(html).contains("Highlights: Finals &lt;day 2&gt;");
        assertThat(html).doesNotContain("/*DATA*/null");
        // The reason's "</script>" must not close the data element.
        assertThat(html).contains("<\\/script> & more");
        String data = html.substring(html.indexOf("type=\"application/json\">") + 24, html.indexOf("</script>"));
        JsonNode parsed = JSON.readTree(data.replace("<\\/", "</"));
        assertThat(parsed.path("video").asText()).isEqualTo("../media/vod.mp4");
        assertThat(parsed.path("highlights")).hasSize(2);
        assertThat(parsed.path("seconds").get(0).get(4).isNull()).isTrue();
        assertThat(parsed.path("seconds").get(1).get(5).asInt()).isEqualTo(1);
    }

    @Test
    void anEvaluatedVodsPageCarriesItsLabelledStretches(@TempDir Path dir) throws Exception {
        Path page = Report.writeHtml(dir, "t01", "vod.mp4", Report.highlights(JSON.readTree(VIEW)), List.of(),
                List.of(new Report.Label(60, 75, "highlight"), new Report.Label(114, 132, "raid")));
        String html = Files.readString(page);
        String data = html.substring(html.indexOf("type=\"application/json\">") + 24, html.indexOf("</script>"));
        JsonNode labels = JSON.readTree(data.replace("<\\/", "</")).path("labels");
        assertThat(labels).hasSize(2);
        assertThat(labels.get(1).path("kind").asText()).isEqualTo("raid");
        assertThat(labels.get(1).path("start").asDouble()).isEqualTo(114);
        assertThat(html).contains("id=\"labels\"");
    }

    @Test
    void tableShowsClockTimesLengthsAndReasons() throws Exception {
        String table = Report.table(Report.highlights(JSON.readTree(VIEW)));
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table).contains("01:58-02:21").contains("23s").contains("2.40").contains("chat HIGH 12 msg/s");
        assertThat(Report.table(List.of())).isEqualTo("No highlights found.\n");
        assertThat(Report.clock(3723)).isEqualTo("1:02:03");
    }
}
