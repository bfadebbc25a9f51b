package dev.highlights.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event, second, non-highlight and chat lag scores of one VOD, the empty-set conventions, and pooled totals. */
class EvalMetricsTest {

    @ParameterizedTest(name = "[{0},{1}) in {2} s -> seconds {3}")
    @CsvSource(delimiter = ';', value = {
            // midpoints 2.5, 3.5, 4.5 lie in [2,5)
            "2; 5; 10; 2 3 4",
            // start exactly on a midpoint includes that second, just past it excludes it
            "2.5; 5; 10; 2 3 4",
            "2.51; 5; 10; 3 4",
            // end exactly on a midpoint excludes that second (half-open), just past it includes it
            "2; 5.5; 10; 2 3 4",
            "2; 5.51; 10; 2 3 4 5",
            // shorter than a second and not covering a midpoint: nothing
            "3.6; 4.4; 10; ",
            // clipped to [0, duration): a fractional duration keeps its last partial second
            "8; 20; 10.2; 8 9 10",
            "8; 20; 10; 8 9",
            "0; 0.5; 10; ",
            "0; 0.51; 10; 0",
    })
    void secondIsPositiveWhenItsMidpointIsInside(double start, double end, double duration, String expected) {
        boolean[] positive = EvalMetrics.positiveSeconds(List.of(new Detection(start, end)), duration);
        int[] seconds = IntStream.range(0, positive.length).filter(s -> positive[s]).toArray();
        int[] want = expected == null ? new int[0]
                : Arrays.stream(expected.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(seconds).containsExactly(want);
    }

    @Test
    void countsSecondTruePositivesFalsePositivesAndFalseNegatives() {
        // truth seconds 10..19 and 40..44; detections 15..24 (overlapping ones counted once) and 60..61
        List<Label> truths = List.of(Label.highlight(10, 20), Label.highlight(40, 45));
        List<Detection> detections = List.of(new Detection(15, 22), new Detection(18, 25), new Detection(60, 62));
        SecondScore score = EvalMetrics.secondScore(detections, truths, 100);
        assertThat(score.truePositive()).isEqualTo(5);
        assertThat(score.falsePositive()).isEqualTo(5 + 2);
        assertThat(score.falseNegative()).isEqualTo(5 + 5);
        assertThat(score.precision()).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(score.recall()).isCloseTo(5.0 / 15, within(1e-12));
        assertThat(score.f1()).isCloseTo(2 * (5.0 / 12) * (5.0 / 15) / (5.0 / 12 + 5.0 / 15), within(1e-12));
    }

    @ParameterizedTest(name = "{0} detections, {1} truths, {2} matched -> P {3} R {4} F1 {5}")
    @CsvSource({
            "0, 0, 0, 1.0, 1.0, 1.0",
            // nothing detected: nothing claimed wrongly (P 1), everything missed
            "0, 3, 0, 1.0, 0.0, 0.0",
            // nothing to find: every detection is wrong, nothing missed (R 1)
            "2, 0, 0, 0.0, 1.0, 0.0",
            "4, 2, 0, 0.0, 0.0, 0.0",
            "4, 2, 2, 0.5, 1.0, 0.6666666666666666",
    })
    void eventEmptySetConventions(int detections, int truths, int matched, double p, double r, double f1) {
        EventScore score = EventScore.of(matched, detections, truths);
        assertThat(score.precision()).isEqualTo(p);
        assertThat(score.recall()).isEqualTo(r);
        assertThat(score.f1()).isCloseTo(f1, within(1e-12));
    }

    @Test
    void secondEmptySetConventionsMatchTheEventOnes() {
        assertThat(EvalMetrics.secondScore(List.of(), List.of(), 60))
                .isEqualTo(new SecondScore(0, 0, 0, 1.0, 1.0, 1.0));
        assertThat(EvalMetrics.secondScore(List.of(), List.of(Label.highlight(0, 10)), 60))
                .isEqualTo(new SecondScore(0, 0, 10, 1.0, 0.0, 0.0));
        assertThat(EvalMetrics.secondScore(List.of(new Detection(0, 10)), List.of(), 60))
                .isEqualTo(new SecondScore(0, 10, 0, 0.0, 1.0, 0.0));
        // a VOD of zero length has no seconds at all
        assertThat(EvalMetrics.secondScore(List.of(new Detection(0, 10)), List.of(Label.highlight(0, 10)), 0))
                .isEqualTo(new SecondScore(0, 0, 0, 1.0, 1.0, 1.0));
    }

    @Test
    void countsNonHighlightsHitByKindNotOneToOne() {
        List<Label> labels = List.of(
                new Label(100, 120, "raid", null),
                new Label(200, 220, "raid", null),
                new Label(300, 310, "giveaway", null),
                new Label(400, 430, "copypasta", null));
        // one long detection covers both raids (each fully: overlap of the shorter is 100 %), another sits
        // inside the copypasta, the giveaway is untouched
        List<Detection> detections = List.of(new Detection(95, 225), new Detection(405, 420));
        Map<String, KindHits> hits = EvalMetrics.nonHighlightHits(detections, labels);
        assertThat(hits).containsExactly(
                Map.entry("copypasta", new KindHits(1, 1)),
                Map.entry("giveaway", new KindHits(0, 1)),
                Map.entry("raid", new KindHits(2, 2)));
    }

    @Test
    void evaluatesOneVodFromLabelsAndDetections() {
        LabelledVod truth = new LabelledVod(300, List.of(
                new Label(60, 80, "highlight", 4.0),
                new Label(150, 170, "highlight", 6.0),
                new Label(200, 230, "loud_audio", null),
                new Label(250, 260, "quiet", null)));
        // matches the first highlight, covers the loud audio decoy, misses the second highlight
        List<Detection> detections = List.of(new Detection(62, 82), new Detection(205, 225));
        VodResult result = EvalMetrics.evaluate(new VodInput("vod-a", truth, detections, 5.5));

        assertThat(result.vod()).isEqualTo("vod-a");
        assertThat(result.durationSec()).isEqualTo(300);
        assertThat(result.events()).isEqualTo(EventScore.of(1, 2, 2));
        // truth seconds 60..79, 150..169; detected 62..81, 205..224
        assertThat(result.seconds()).isEqualTo(SecondScore.of(18, 2 + 20, 2 + 20));
        assertThat(result.nonHighlightHits()).containsExactly(
                Map.entry("loud_audio", new KindHits(1, 1)), Map.entry("quiet", new KindHits(0, 1)));
        // no per-detection lags: |5.5 - median(4, 6)|
        assertThat(result.lag()).isEqualTo(new LagScore(5.0, 5.5, null, List.of(0.5), 0.5));
        assertThat(result.lag().estimateSec()).isEqualTo(5.5);
    }

    @Test
    void perDetectionLagsAreScoredOnMatchedHighlightsWithATrueLag() {
        LabelledVod truth = new LabelledVod(600, List.of(
                new Label(60, 80, "highlight", 4.0),
                new Label(150, 170, "highlight", 6.0),
                new Label(300, 320, "highlight", null),
                new Label(400, 420, "highlight", 9.0)));
        List<Detection> detections = List.of(
                new Detection(61, 81, 5.0),     // error 1
                new Detection(150, 172, 3.0),   // error 3
                new Detection(300, 320, 7.0),   // matched, but no true lag
                new Detection(500, 520, 2.0));  // unmatched
        LagScore lag = EvalMetrics.evaluate(new VodInput("v", truth, detections, 8.0)).lag();
        assertThat(lag.trueMedianSec()).isEqualTo(6.0);
        assertThat(lag.vodEstimateSec()).isEqualTo(8.0);
        assertThat(lag.detectionEstimateMedianSec()).isEqualTo(4.0);
        assertThat(lag.errorSamplesSec()).containsExactly(1.0, 3.0);
        assertThat(lag.errorSec()).isEqualTo(2.0);
    }

    @Test
    void lagIsUnknownWithoutEstimateOrTruth() {
        LabelledVod noTrueLag = new LabelledVod(100, List.of(Label.highlight(10, 20)));
        LagScore lag = EvalMetrics.evaluate(new VodInput("v", noTrueLag, List.of(new Detection(10, 20)), 3.0)).lag();
        assertThat(lag).isEqualTo(new LagScore(null, 3.0, null, List.of(), null));
        LabelledVod withLag = new LabelledVod(100, List.of(new Label(10, 20, "highlight", 3.0)));
        assertThat(EvalMetrics.evaluate(new VodInput("v", withLag, List.of(), null)).lag())
                .isEqualTo(new LagScore(3.0, null, null, List.of(), null));
    }

    @Test
    void refusesAVodWhoseDurationIsUnknown() {
        LabelledVod unknown = new LabelledVod(Double.NaN, List.of(Label.highlight(0, 10)));
        assertThatThrownBy(() -> EvalMetrics.evaluate(new VodInput("my-vod", unknown, List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my-vod")
                .hasMessageContaining("duration");
        assertThat(EvalMetrics.evaluate(new VodInput("my-vod", unknown.withDurationIfUnknown(30), List.of(), null))
                .durationSec()).isEqualTo(30);
    }

    @Test
    void poolsCountsOverVodsAndNamesTheWorstVod() {
        VodInput good = new VodInput("good", new LabelledVod(100, List.of(
                new Label(10, 20, "highlight", 4.0), new Label(50, 60, "highlight", 6.0),
                new Label(70, 80, "raid", null))),
                List.of(new Detection(10, 20, 5.0), new Detection(50, 60, 6.5)), null);
        VodInput poor = new VodInput("poor", new LabelledVod(200, List.of(
                new Label(10, 30, "highlight", 2.0), new Label(100, 110, "raid", null),
                new Label(150, 160, "giveaway", null))),
                List.of(new Detection(100, 110), new Detection(150, 155), new Detection(180, 190)), 4.0);
        VodInput empty = new VodInput("empty", new LabelledVod(50, List.of()), List.of(), null);
        EvalResult result = EvalMetrics.evaluateAll(List.of(good, poor, empty));

        assertThat(result.vods()).extracting(VodResult::vod).containsExactly("good", "poor", "empty");
        EvalTotals totals = result.totals();
        assertThat(totals.vods()).isEqualTo(3);
        assertThat(totals.durationSec()).isEqualTo(350);
        // matched 2 + 0 + 0 of detections 2 + 3 + 0 and truths 2 + 1 + 0
        assertThat(totals.events()).isEqualTo(EventScore.of(2, 5, 3));
        // seconds: good TP 20; poor FP 10 + 5 + 10, FN 20
        assertThat(totals.seconds()).isEqualTo(SecondScore.of(20, 25, 20));
        assertThat(totals.nonHighlightHits()).containsExactly(
                Map.entry("giveaway", new KindHits(1, 1)), Map.entry("raid", new KindHits(1, 2)));
        assertThat(totals.nonHighlightsOverall()).isEqualTo(new KindHits(2, 3));
        // lag samples: good's per-detection errors 1.0 and 0.5, poor's |4 - 2| = 2
        assertThat(totals.lagErrorSamples()).isEqualTo(3);
        assertThat(totals.lagErrorSec()).isEqualTo(1.0);
        assertThat(totals.minEventF1()).isZero();
        assertThat(totals.minEventF1Vod()).isEqualTo("poor");
        assertThat(totals.minSecondF1()).isZero();
        assertThat(totals.minSecondF1Vod()).isEqualTo("poor");

        assertThatThrownBy(() -> EvalMetrics.totals(new ArrayList<>())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medianOfOddEvenAndNone() {
        assertThat(EvalMetrics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(EvalMetrics.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(EvalMetrics.median(List.of())).isNull();
    }
}
