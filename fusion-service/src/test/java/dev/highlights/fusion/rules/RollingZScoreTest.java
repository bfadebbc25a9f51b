package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingZScoreTest {

    @Test
    void noScoreDuringWarmUp() {
        RollingZScore z = new RollingZScore(600, 10, 30, 1e-9);
        for (int s = 0; s < 29; s++) {
            z.add(s, s % 2);
            assertThat(z.zScore(5)).isNaN();
        }
        z.add(29, 1);
        assertThat(z.zScore(5)).isFinite();
    }

    @Test
    void onAStationarySignalItApproachesTheWholeVodZ() {
        Random rnd = new Random(1);
        int n = 3600;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 128 + 5 * rnd.nextGaussian();
        double[] whole = ReferenceDetector.zScores(x);
        RollingZScore rolling = new RollingZScore(600, 10, 30, 1e-9);
        double maxDiff = 0;
        for (int s = 0; s < n; s++) {
            rolling.add(s, x[s]);
            if (s >= 600) maxDiff = Math.max(maxDiff, Math.abs(rolling.zScore(x[s]) - whole[s]));
        }
        // Sampling error of a 600 s window: a few percent of sd, i.e. about 0.1-0.2 in z at |z| = 3.
        assertThat(maxDiff).isLessThan(0.35);
    }

    @Test
    void meanAndSdMatchAPlainComputationOverTheBucketWindow() {
        RollingZScore rolling = new RollingZScore(100, 10, 1, 1e-9);
        Random rnd = new Random(2);
        double[] x = new double[1000];
        for (int s = 0; s < 1000; s++) {
            x[s] = 1000 + rnd.nextDouble();
            rolling.add(s, x[s]);
            // Window: the current bucket plus the 9 before it.
            int from = Math.max(0, (s / 10 - 9) * 10);
            double sum = 0;
            for (int i = from; i <= s; i++) sum += x[i];
            double mean = sum / (s - from + 1);
            double sq = 0;
            for (int i = from; i <= s; i++) sq += (x[i] - mean) * (x[i] - mean);
            assertThat(rolling.count()).isEqualTo(s - from + 1);
            assertThat(rolling.mean()).isCloseTo(mean, within(1e-9));
            assertThat(rolling.stdDev()).isCloseTo(Math.sqrt(sq / (s - from + 1)), within(1e-7));
        }
    }

    @Test
    void forgetsOldValuesAndIgnoresValuesOutsideTheWindow() {
        RollingZScore rolling = new RollingZScore(100, 10, 1, 1e-9);
        for (int s = 0; s < 100; s++) rolling.add(s, 1000);
        for (int s = 100; s < 200; s++) rolling.add(s, 1);
        assertThat(rolling.mean()).isCloseTo(1, within(1e-9));
        assertThat(rolling.add(50, 1000)).isFalse();
        assertThat(rolling.mean()).isCloseTo(1, within(1e-9));
        // A gap in the data: advancing the head still forgets.
        rolling.advanceTo(10_000);
        assertThat(rolling.count()).isZero();
    }

    @Test
    void removeUndoesAnAdd() {
        RollingZScore rolling = new RollingZScore(100, 10, 1, 1e-9);
        for (int s = 0; s < 50; s++) rolling.add(s, s);
        double mean = rolling.mean();
        double sd = rolling.stdDev();
        rolling.add(50, 500);
        assertThat(rolling.remove(50, 500)).isTrue();
        assertThat(rolling.mean()).isCloseTo(mean, within(1e-9));
        assertThat(rolling.stdDev()).isCloseTo(sd, within(1e-9));
    }

    @Test
    void flatSignalGivesZeroNotInfinity() {
        RollingZScore rolling = new RollingZScore(100, 10, 5, 1e-9);
        for (int s = 0; s < 50; s++) rolling.add(s, 7);
        assertThat(rolling.zScore(7)).isZero();
    }

    @Test
    void roundTripsThroughBytes() throws Exception {
        RollingZScore rolling = new RollingZScore(600, 10, 30, 1e-9);
        Random rnd = new Random(3);
        for (int s = 0; s < 1000; s++) rolling.add(s, rnd.nextGaussian());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rolling.write(new DataOutputStream(bytes));
        RollingZScore copy = RollingZScore.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int s = 1000; s < 1500; s++) {
            double v = rnd.nextGaussian();
            rolling.add(s, v);
            copy.add(s, v);
            assertThat(copy.zScore(v)).isEqualTo(rolling.zScore(v));
        }
    }
}
