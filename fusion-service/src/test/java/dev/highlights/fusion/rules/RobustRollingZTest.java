package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustRollingZTest {

    @Test
    void medianAndScaledMadOnTheGrid() {
        RobustRollingZ r = new RobustRollingZ(600, 1, -100, 0, 0.1);
        double[] levels = {-40, -41, -42, -43, -44}; // median -42, MAD 1
        for (int s = 0; s < levels.length; s++) r.add(s, levels[s]);
        double step = 100.0 / 254;
        assertThat(r.zScore(-42)).isCloseTo(0, within(step));
        assertThat(r.zScore(-42 + 1.4826 * 3)).isCloseTo(3, within(0.5));
    }

    @Test
    void aFifthOfLoudMomentsDoesNotSwampTheSpreadAsMeanAndStandardDeviationDo() {
        Random rnd = new Random(1);
        RobustRollingZ robust = new RobustRollingZ(600, 30, -100, 0, 1.0);
        RollingZScore classic = new RollingZScore(600, 10, 30, 1e-9);
        for (int s = 0; s < 600; s++) {
            boolean loud = s % 50 < 10; // 20 % of the window is loud moments
            double level = (loud ? -24 : -46) + 0.3 * rnd.nextGaussian();
            robust.add(s, level);
            classic.add(s, level);
        }
        assertThat(robust.zScore(-24)).as("robust: 22 dB over a steady room tone").isGreaterThan(15);
        assertThat(classic.zScore(-24)).as("mean and sd: barely two").isLessThan(2.5);
    }

    @Test
    void theFloorBoundsTheZOfASteadySignal() {
        RobustRollingZ r = new RobustRollingZ(600, 1, -100, 0, 2.0);
        for (int s = 0; s < 100; s++) r.add(s, -50);
        assertThat(r.zScore(-46)).isCloseTo(2, within(0.3));
    }

    @Test
    void warmUpWindowAndCorrections() {
        RobustRollingZ r = new RobustRollingZ(10, 3, 0, 50, 1.0);
        r.add(0, 10);
        r.add(1, 10);
        assertThat(r.zScore(10)).isNaN();
        r.add(2, 10);
        assertThat(r.zScore(10)).isCloseTo(0, within(0.2));
        // Seconds 0..2 leave a 10 s window when second 12 arrives; a late value for second 1 is then refused.
        for (int s = 3; s <= 12; s++) r.add(s, 30);
        assertThat(r.zScore(30)).isCloseTo(0, within(0.2));
        assertThat(r.add(1, 10)).isFalse();
        assertThat(r.remove(12, 30)).isTrue();
        assertThat(r.remove(12, 30)).isFalse();
    }

    @Test
    void roundTripsThroughItsSnapshot() throws IOException {
        RobustRollingZ r = new RobustRollingZ(600, 30, 0, 255, 2.0);
        Random rnd = new Random(7);
        for (int s = 0; s < 900; s++) r.add(s, 100 + 5 * rnd.nextGaussian());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureBaseline.writeTagged(new DataOutputStream(bytes), r);
        FeatureBaseline back = FeatureBaseline.readTagged(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (double x : new double[] {80, 100, 130}) assertThat(back.zScore(x)).isEqualTo(r.zScore(x));
        assertThat(bytes.size()).as("one byte per second of window").isLessThan(700);
    }
}
