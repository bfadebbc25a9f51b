package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatLagEstimatorTest {

    /** Media bursts, and chat bursts {@code lag} seconds later, over noise. */
    private static double[][] signals(long seed, int n, int lag) {
        Random rnd = new Random(seed);
        double[] media = new double[n];
        double[] chat = new double[n];
        for (int t = 0; t < n; t++) {
            media[t] = Math.max(0, rnd.nextGaussian());
            chat[t] = 5 + 2 * rnd.nextGaussian();
        }
        for (int t = 40; t + 40 < n; t += 90 + rnd.nextInt(60)) {
            int len = 5 + rnd.nextInt(15);
            for (int i = t; i < t + len; i++) {
                media[i] += 4;
                chat[i + lag] += 40;
            }
        }
        return new double[][] {media, chat};
    }

    private static ChatLagEstimator feed(ChatLagEstimator est, double[] media, double[] chat) {
        int lags = est.maxLag() - est.minLag() + 1;
        for (int t = 0; t + est.maxLag() < media.length; t++) {
            double[] c = new double[lags];
            for (int i = 0; i < lags; i++) c[i] = chat[t + est.minLag() + i];
            est.observe(media[t], c);
        }
        return est;
    }

    private static ChatLagEstimator defaults() {
        // The estimator serves the REFERENCE rule with lags up to 20 s.
        return ChatLagEstimator.fromConfig(FusionServiceConfig.shippedRules().toBuilder().maxChatLagSec(20).build());
    }

    @ParameterizedTest(name = "true lag {0} s")
    @ValueSource(ints = {0, 3, 7, 12, 20})
    void findsTheLag(int lag) {
        double[][] s = signals(lag, 1800, lag);
        ChatLagEstimator est = feed(defaults(), s[0], s[1]);
        assertThat(est.currentLag()).isEqualTo(lag);
        assertThat(est.correlation(lag)).isGreaterThan(0.5);
    }

    @Test
    void staysWithinBounds() {
        double[][] s = signals(1, 1800, 25); // truth outside [0, 20]
        ChatLagEstimator est = feed(defaults(), s[0], s[1]);
        assertThat(est.currentLag()).isBetween(0, 20);
    }

    @Test
    void uncorrelatedNoiseNeverMovesIt() {
        Random rnd = new Random(4);
        double[] media = new double[7200];
        double[] chat = new double[7200];
        for (int t = 0; t < media.length; t++) {
            media[t] = Math.abs(rnd.nextGaussian());
            chat[t] = rnd.nextInt(10);
        }
        ChatLagEstimator est = feed(new ChatLagEstimator(0, 20, 4, 120, 30, 0.2, 0.05), media, chat);
        assertThat(est.currentLag()).isEqualTo(4);
    }

    @Test
    void needsEnoughEvidenceBeforeMoving() {
        double[][] s = signals(2, 2000, 9);
        ChatLagEstimator est = new ChatLagEstimator(0, 20, 0, 600, 30, 0.2, 0.05);
        int lags = 21;
        for (int t = 0; t < 599; t++) {
            double[] c = new double[lags];
            for (int i = 0; i < lags; i++) c[i] = s[1][t + i];
            est.observe(s[0][t], c);
            assertThat(est.currentLag()).isZero();
        }
        assertThat(est.correlation(9)).isGreaterThan(est.correlation(0) + 0.3); // the evidence is there, but too little
        feed(est, s[0], s[1]);
        assertThat(est.currentLag()).isEqualTo(9);
    }

    @Test
    void deterministicAndUnknownValuesAreSkipped() {
        double[][] s = signals(3, 1500, 6);
        ChatLagEstimator a = feed(defaults(), s[0], s[1]);
        ChatLagEstimator b = feed(defaults(), s[0], s[1]);
        assertThat(b.currentLag()).isEqualTo(a.currentLag());
        assertThat(b.correlation(6)).isEqualTo(a.correlation(6));

        ChatLagEstimator est = defaults();
        est.observe(Double.NaN, new double[21]);
        assertThat(est.evidence()).isZero();
        double[] unknownChat = new double[21];
        java.util.Arrays.fill(unknownChat, Double.NaN);
        est.observe(1, unknownChat);
        assertThat(est.evidence()).isEqualTo(1);
        assertThat(est.correlation(0)).isZero();
    }
}
