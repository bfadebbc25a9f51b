package dev.highlights.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed table and the JSON document, which a benchmark must be able to read back. */
class EvalReportTest {

    private static EvalResult twoVods() {
        VodInput sample = new VodInput("sample-4min", new LabelledVod(240, List.of(
                new Label(62, 82, "highlight", 4.0), new Label(150, 170, "highlight", 5.0),
                new Label(100, 115, "loud_audio", null), new Label(200, 215, "raid", null))),
                List.of(new Detection(63, 84), new Detection(151, 168), new Detection(201, 214)), 4.0);
        VodInput user = new VodInput("a-much-longer-user-vod-name", new LabelledVod(3725.5, List.of(
                new Label(600, 640, "highlight", null))),
                List.of(new Detection(1000, 1020, 6.0)), null);
        return EvalMetrics.evaluateAll(List.of(sample, user));
    }

    @Test
    void tablePrintsOneAlignedRowPerVodThenTheTotals() {
        String table = EvalReport.table(twoVods());
        List<String> lines = table.lines().toList();
        assertThat(tokens(lines.get(0))).containsExactly("vod", "duration", "truths", "detect", "ev.P", "ev.R",
                "ev.F1", "sec.P", "sec.R", "sec.F1", "non-hl", "hit", "lag.true", "lag.est", "lag.err");
        // sample: 2 of 3 detections match both highlights, the third covers the raid; seconds 60..79 + 150..169
        // true, 63..83 + 151..167 + 201..213 detected; lag |4.0 - median(4, 5)|
        assertThat(tokens(lines.get(1))).containsExactly("sample-4min", "0:04:00", "2", "3", "0.67", "1.00", "0.80",
                "0.71", "0.90", "0.79", "1/2", "4.5", "4.0", "0.5");
        // unknown lags print as "-"
        assertThat(tokens(lines.get(2))).containsExactly("a-much-longer-user-vod-name", "1:02:06", "1", "1",
                "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0/0", "-", "6.0", "-");
        assertThat(tokens(lines.get(3))).containsExactly("TOTAL", "(2", "VODs)", "1:06:06", "3", "4", "0.50",
                "0.67", "0.57", "0.51", "0.45", "0.48", "1/2", "-", "-", "0.5");
        // fixed width: every row as long as the header, each column ending where its header ends
        assertThat(lines.subList(1, 4)).allSatisfy(line -> {
            assertThat(line).hasSize(lines.get(0).length());
            assertThat(line.charAt(lines.get(0).indexOf("sec.F1") + 5)).isNotEqualTo(' ');
        });
        assertThat(lines.get(4)).isEqualTo("worst VOD: event F1 0.00 (a-much-longer-user-vod-name), "
                + "second F1 0.00 (a-much-longer-user-vod-name)");
        assertThat(lines.get(5)).isEqualTo("non-highlights hit by kind: loud_audio 0/1, raid 1/1");
        assertThat(lines.get(6)).isEqualTo("chat lag error: median 0.5 s over 1 sample");
        assertThat(lines).hasSize(7);
    }

    private static List<String> tokens(String line) {
        return List.of(line.trim().split("\\s+"));
    }

    @Test
    void jsonRoundTripsEveryNumber() throws Exception {
        EvalResult result = twoVods();
        String json = EvalReport.json(result);
        assertThat(EvalReport.parseJson(json)).isEqualTo(result);

        // and a reader that knows nothing of the records finds the key numbers by name
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.path("format").asText()).isEqualTo("highlights-eval/1");
        JsonNode first = root.path("vods").get(0);
        assertThat(first.path("vod").asText()).isEqualTo("sample-4min");
        assertThat(first.path("events").path("matched").asInt()).isEqualTo(2);
        assertThat(first.path("events").path("f1").asDouble()).isEqualTo(0.8);
        assertThat(first.path("seconds").path("truePositive").asInt()).isEqualTo(result.vods().get(0).seconds()
                .truePositive());
        assertThat(first.path("nonHighlightHits").path("raid").path("hit").asInt()).isEqualTo(1);
        assertThat(first.path("lag").path("trueMedianSec").asDouble()).isEqualTo(4.5);
        assertThat(first.path("lag").path("errorSec").asDouble()).isEqualTo(0.5);
        JsonNode second = root.path("vods").get(1);
        assertThat(second.path("lag").path("trueMedianSec").isNull()).isTrue();
        JsonNode totals = root.path("totals");
        assertThat(totals.path("events").path("detections").asInt()).isEqualTo(4);
        assertThat(totals.path("events").path("truths").asInt()).isEqualTo(3);
        assertThat(totals.path("seconds").path("f1").asDouble()).isEqualTo(result.totals().seconds().f1());
        assertThat(totals.path("minEventF1").asDouble()).isEqualTo(0.0);
        assertThat(totals.path("lagErrorSec").asDouble()).isEqualTo(0.5);
    }

    @Test
    void parseRefusesOtherDocuments() {
        assertThatThrownBy(() -> EvalReport.parseJson("{\"format\":\"other\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
