package dev.highlights.chat.features;

import dev.highlights.chat.ChatServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Relation to the reference detector of docs/detection.md (mean + 2 s / 2.5 s over the seconds that have messages, over the
 * whole VOD). On stationary chat with a few bursts: the MEAN_STDDEV switch (quiet seconds excluded, window as long
 * as the VOD) reproduces its decisions almost exactly (measured 99.9%); the default rolling median/MAD finds the
 * same bursts and agrees on about 97% of seconds. The difference is the Poisson tail: the reference's standard
 * deviation is inflated by the bursts themselves, so it calls fewer isolated ordinary seconds HIGH (0-1%) than the
 * robust baseline (about 3%); the fusion's 7-second smoothing discards isolated seconds.
 */
class ReferenceAgreementTest {

    private static final int SECONDS = 3_600;
    private static final int WARM_UP = 300;

    /** The reference detector, literally. */
    static int[] referencePoints(int[] counts) {
        double sum = 0;
        int n = 0;
        for (int c : counts) {
            if (c > 0) {
                sum += c;
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (int c : counts) {
            if (c > 0) {
                squares += (c - mean) * (c - mean);
            }
        }
        double sd = Math.sqrt(squares / n);
        int[] points = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            points[i] = counts[i] >= mean + 2.5 * sd ? 3 : counts[i] >= mean + 2 * sd ? 2 : 0;
        }
        return points;
    }

    private record Data(int[] counts, Set<Integer> burstSeconds) {
    }

    /** Poisson(lambda) per second, with 3-second bursts of lambda 5x after the warm-up. */
    private static Data stationary(long seed, double lambda) {
        Random random = new Random(seed);
        int[] counts = new int[SECONDS];
        Set<Integer> bursts = new HashSet<>();
        for (int s = 0; s < SECONDS; s++) {
            counts[s] = ChatFixtures.poisson(random, lambda);
        }
        for (int b = 0; b < 12; b++) {
            int start = WARM_UP + 60 + b * 270;
            for (int s = start; s < start + 3; s++) {
                counts[s] = ChatFixtures.poisson(random, lambda * 5);
                bursts.add(s);
            }
        }
        return new Data(counts, bursts);
    }

    private static int[] enginePoints(ChatFeatureConfig config, int[] counts) {
        ChatFeatureEngine engine = new ChatFeatureEngine(config, ChatLexicon.builtIn());
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        List<ChatMessageView> messages = new ArrayList<>();
        for (int s = 0; s < counts.length; s++) {
            for (int i = 0; i < counts[s]; i++) {
                messages.add(ChatFixtures.msg(s + "-" + i, s + i / (counts[s] + 1.0), "u" + i, "m"));
            }
        }
        r.feedAll(messages);
        r.end(counts.length - 1);
        Map<Long, ChatSecondFeatures> finals = r.finalValues();
        int[] points = new int[counts.length];
        for (int s = 0; s < counts.length; s++) {
            points[s] = finals.get((long) s).activity().levelPoints();
        }
        return points;
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int s = WARM_UP; s < a.length; s++) {
            if (a[s] == b[s]) {
                same++;
            }
        }
        return (double) same / (a.length - WARM_UP);
    }

    private static int peaks(int[] points, Set<Integer> seconds, boolean inside) {
        int n = 0;
        for (int s = WARM_UP; s < points.length; s++) {
            if (points[s] > 0 && seconds.contains(s) == inside) {
                n++;
            }
        }
        return n;
    }

    @Test
    void referenceSwitchReproducesTheReferenceDecisions() {
        ChatFeatureConfig referenceLike = ChatServiceConfig.shipped().toFeatureConfig().toBuilder()
                .estimator(ChatFeatureConfig.Estimator.MEAN_STDDEV).includeQuietSeconds(false)
                .baselineWindowSeconds(SECONDS).warmUpSeconds(WARM_UP).deviationFloor(1e-6).build();
        for (double lambda : new double[] {3, 8, 20}) {
            Data data = stationary((long) lambda, lambda);
            int[] reference = referencePoints(data.counts());
            int[] ours = enginePoints(referenceLike, data.counts());
            // Differences come only from the causal window (statistics of the past, not of the whole VOD).
            assertThat(agreement(reference, ours)).as("lambda %s", lambda).isGreaterThanOrEqualTo(0.98);
        }
    }

    @Test
    void defaultRobustBaselineFindsTheSameBurstsOnStationaryChat() {
        for (double lambda : new double[] {3, 8, 20}) {
            Data data = stationary(100 + (long) lambda, lambda);
            int[] reference = referencePoints(data.counts());
            int[] ours = enginePoints(ChatServiceConfig.shipped().toFeatureConfig(), data.counts());
            int burstSeconds = data.burstSeconds().size();
            String what = "lambda " + lambda + ": reference " + peaks(reference, data.burstSeconds(), true) + "/"
                    + peaks(reference, data.burstSeconds(), false) + ", robust " + peaks(ours, data.burstSeconds(), true)
                    + "/" + peaks(ours, data.burstSeconds(), false) + " (burst/other peak seconds), agreement "
                    + agreement(reference, ours);
            assertThat(peaks(ours, data.burstSeconds(), false)).as(what)
                    .isLessThanOrEqualTo((SECONDS - WARM_UP) / 20);
            assertThat(peaks(ours, data.burstSeconds(), true)).as(what).isGreaterThanOrEqualTo(burstSeconds - 1);
            assertThat(peaks(reference, data.burstSeconds(), true)).as(what).isGreaterThanOrEqualTo(burstSeconds - 1);
            assertThat(agreement(reference, ours)).as(what).isGreaterThanOrEqualTo(0.95);
        }
    }
}
