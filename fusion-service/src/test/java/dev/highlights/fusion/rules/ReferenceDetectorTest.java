package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceDetectorTest {
    private final ReferenceDetector reference = new ReferenceDetector(FusionServiceConfig.shippedRules());

    @Test
    void chatPointsUseMeanAndSdOfSecondsWithMessages() {
        // Seconds with messages: 10 x 1 and one 12. Zeros are ignored by the statistics.
        int[] counts = new int[30];
        for (int i = 0; i < 10; i++) counts[i] = 1;
        counts[20] = 12;
        double mean = 22.0 / 11;
        double sd = Math.sqrt((10 * (1 - mean) * (1 - mean) + (12 - mean) * (12 - mean)) / 11);
        assertThat(mean + 2.5 * sd).isLessThan(12);
        double[] points = reference.chatPoints(counts);
        assertThat(points[20]).isEqualTo(3);
        assertThat(points[0]).isZero();
        assertThat(points[25]).isZero();
    }

    @ParameterizedTest(name = "count {0} -> {1} points")
    @CsvSource({"0, 0", "10, 0", "15, 0", "16, 2", "19, 2", "20, 3", "40, 3"})
    void chatThresholds(int count, double expected) {
        // mean 0 and sd 8: HIGH (2 sd) from 16, EXCEPTIONAL (2.5 sd) from 20.
        assertThat(new ModalityScoring(FusionServiceConfig.shippedRules()).chatPoints(count, 0, 8)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "audio z {0} -> {1}")
    @CsvSource({"NaN, 0", "-3, 0", "2, 0", "2.1, 0.7", "3, 1", "9, 1"})
    void audioScore(double z, double expected) {
        assertThat(new ModalityScoring(FusionServiceConfig.shippedRules()).audioScore(z)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest(name = "video z {0}/{1} -> {2}")
    @CsvSource({"0, 0, 0", "1, 0.5, 0", "1.01, 0, 0.5", "0, 3, 0.5", "NaN, 1.5, 0.5", "NaN, NaN, 0"})
    void videoScoreIsMaxOfTwoZAboveOneScaled(double zb, double zm, double expected) {
        assertThat(new ModalityScoring(FusionServiceConfig.shippedRules()).videoScore(zb, zm)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void wholeVodZScoresUsePopulationSd() {
        double[] z = ReferenceDetector.zScores(new double[] {1, 2, 3, 4});
        double sd = Math.sqrt(1.25);
        assertThat(z[0]).isCloseTo(-1.5 / sd, within(1e-12));
        assertThat(ReferenceDetector.zScores(new double[] {5, 5, 5})).containsOnly(0.0);
    }

    @Test
    void smoothingIsCentredZeroPaddedAndDividedBySeven() {
        double[] x = new double[10];
        x[0] = 7;
        x[5] = 7;
        double[] s = reference.smooth(x);
        assertThat(s).containsExactly(1, 1, 2, 2, 1, 1, 1, 1, 1, 0);
    }

    @ParameterizedTest(name = "gap of {0} s -> {1} interval(s)")
    @CsvSource({"3, 1", "4, 2"})
    void gapsOfUpToThreeSecondsAreJoined(int gap, int intervals) {
        // Two chat bursts whose active stretches ([a-2, a+k+2)) are separated by exactly `gap` seconds.
        double[] chat = new double[200];
        Arrays.fill(chat, 50, 60, 3); // active [48, 62)
        int second = 62 + gap + 2;
        Arrays.fill(chat, second, second + 10, 3);
        ReferenceDetector.Result r = reference.fuse(chat, new double[200], new double[200]);
        assertThat(r.ranked()).hasSize(intervals);
        if (intervals == 1) assertThat(r.ranked().get(0).startSec()).isEqualTo(48);
    }

    @Test
    void shortIntervalsAreDroppedAndRankingIsDurationThenMean() {
        double[] chat = new double[300];
        double[] audio = new double[300];
        Arrays.fill(chat, 20, 25, 3);   // active 9 s: dropped
        Arrays.fill(chat, 100, 106, 3); // 10 s
        Arrays.fill(chat, 200, 206, 3); // 10 s, with audio: higher mean
        Arrays.fill(audio, 200, 206, 1);
        Arrays.fill(chat, 250, 270, 2); // 24 s, weaker
        ReferenceDetector.Result r = reference.fuse(chat, audio, new double[300]);
        assertThat(r.ranked()).extracting(DetectedInterval::startSec).containsExactly(248, 198, 98);
        assertThat(r.ranked().get(1).meanScore()).isGreaterThan(r.ranked().get(2).meanScore());
        ReferenceDetector byScore = new ReferenceDetector(FusionServiceConfig.shippedRules().toBuilder().rankingOrder(RankingOrder.SCORE).build());
        assertThat(byScore.fuse(chat, audio, new double[300]).ranked()).extracting(DetectedInterval::startSec).containsExactly(198, 98, 248);
    }

    @Test
    void detectOnRawFeaturesAndMissingModalities() {
        SyntheticVod vod = SyntheticVod.generate(1, 1200, 0, 60);
        ReferenceDetector.Result all = reference.detect(vod.chatCounts(), vod.audioEnergy(), vod.brightness(), vod.motion());
        ReferenceDetector.Result chatOnly = reference.detect(vod.chatCounts(), null, null, null);
        assertThat(all.ranked()).isNotEmpty();
        // Intervals depend on chat only under the reference thresholds; scores do not.
        assertThat(chatOnly.ranked()).extracting(DetectedInterval::startSec)
                .containsExactlyInAnyOrderElementsOf(all.ranked().stream().map(DetectedInterval::startSec).toList());
        assertThat(all.ranked().get(0).meanScore()).isGreaterThan(chatOnly.ranked().stream()
                .filter(d -> d.startSec() == all.ranked().get(0).startSec()).findFirst().orElseThrow().meanScore());
        assertThat(chatOnly.audioScores()).containsOnly(0.0);
    }
}
