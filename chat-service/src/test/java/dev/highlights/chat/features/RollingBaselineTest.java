package dev.highlights.chat.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The histogram-based rolling statistics against a plain sort-based reference over the same window. */
class RollingBaselineTest {

    /** The obvious computation: keep the window, filter, sort, take middle values. */
    static final class Reference {
        final int window;
        final boolean includeQuiet;
        final Deque<Integer> values = new ArrayDeque<>();

        Reference(int window, boolean includeQuiet) {
            this.window = window;
            this.includeQuiet = includeQuiet;
        }

        void push(int v) {
            values.addLast(v);
            if (values.size() > window) {
                values.removeFirst();
            }
        }

        double[] counted() {
            return values.stream().filter(v -> includeQuiet || v != 0).mapToDouble(Integer::doubleValue).toArray();
        }

        static double median(double[] xs) {
            if (xs.length == 0) {
                return 0;
            }
            double[] s = xs.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        }

        double median() {
            return median(counted());
        }

        double mad() {
            double[] xs = counted();
            double m = median(xs);
            return median(Arrays.stream(xs).map(x -> Math.abs(x - m)).toArray());
        }

        double mean() {
            double[] xs = counted();
            return xs.length == 0 ? 0 : Arrays.stream(xs).average().orElse(0);
        }

        double stddev() {
            double[] xs = counted();
            if (xs.length == 0) {
                return 0;
            }
            double m = mean();
            return Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / xs.length);
        }
    }

    /** Mostly small Poisson-like counts, runs of silence, and rare spikes that force the histogram to grow. */
    static int randomCount(Random random) {
        double u = random.nextDouble();
        if (u < 0.15) {
            return 0;
        }
        if (u < 0.995) {
            return ChatFixtures.poisson(random, 1 + random.nextInt(12));
        }
        return random.nextInt(5_000);
    }

    @ParameterizedTest(name = "window {0}, quiet seconds {1}")
    @CsvSource({"1,true", "2,true", "3,false", "7,true", "60,true", "60,false", "600,true", "600,false"})
    void matchesSortBasedReference(int window, boolean includeQuiet) {
        Random random = new Random(window * 31L + (includeQuiet ? 1 : 0));
        RollingBaseline baseline = new RollingBaseline(window, includeQuiet);
        Reference reference = new Reference(window, includeQuiet);
        for (int i = 0; i < 3_000; i++) {
            int v = randomCount(random);
            baseline.push(v);
            reference.push(v);
            assertThat(baseline.median()).as("median at %d", i).isEqualTo(reference.median());
            assertThat(baseline.mad()).as("mad at %d", i).isEqualTo(reference.mad());
            assertThat(baseline.mean()).as("mean at %d", i).isCloseTo(reference.mean(), within(1e-9));
            assertThat(baseline.stddev()).as("stddev at %d", i).isCloseTo(reference.stddev(), within(1e-6));
            assertThat(baseline.samples()).isEqualTo(reference.counted().length);
            assertThat(baseline.secondsInWindow()).isEqualTo(Math.min(window, i + 1));
            assertThat(baseline.totalPushed()).isEqualTo(i + 1);
        }
    }

    @Test
    void evenCountsAverageTheMiddleValues() {
        RollingBaseline b = new RollingBaseline(10, true);
        for (int v : new int[] {1, 2, 3, 10}) {
            b.push(v);
        }
        assertThat(b.median()).isEqualTo(2.5);
        // |x - 2.5| = 1.5, 0.5, 0.5, 7.5 -> median 1.0
        assertThat(b.mad()).isEqualTo(1.0);
    }

    @Test
    void emptyWindowAndQuietOnlyWindowAreZero() {
        assertThat(new RollingBaseline(5, true).median()).isZero();
        RollingBaseline quietExcluded = new RollingBaseline(5, false);
        quietExcluded.push(0);
        quietExcluded.push(0);
        assertThat(quietExcluded.samples()).isZero();
        assertThat(quietExcluded.secondsInWindow()).isEqualTo(2);
        assertThat(quietExcluded.median()).isZero();
        assertThat(quietExcluded.mad()).isZero();
        assertThat(quietExcluded.stddev()).isZero();
    }

    @Test
    void hugeCountsAreClipped() {
        RollingBaseline b = new RollingBaseline(3, true);
        b.push(Integer.MAX_VALUE);
        b.push(-4);
        assertThat(b.windowCounts()).containsExactly(RollingBaseline.MAX_VALUE, 0);
        assertThat(b.median()).isEqualTo(RollingBaseline.MAX_VALUE / 2.0);
    }

    @Test
    void restoreContinuesIdentically() {
        Random random = new Random(99);
        RollingBaseline original = new RollingBaseline(50, true);
        List<Integer> later = new ArrayList<>();
        for (int i = 0; i < 123; i++) {
            original.push(randomCount(random));
        }
        RollingBaseline restored = RollingBaseline.restore(50, true, original.totalPushed(), original.windowCounts());
        for (int i = 0; i < 200; i++) {
            later.add(randomCount(random));
        }
        for (int v : later) {
            original.push(v);
            restored.push(v);
            assertThat(restored.median()).isEqualTo(original.median());
            assertThat(restored.mad()).isEqualTo(original.mad());
            assertThat(restored.stddev()).isEqualTo(original.stddev());
        }
        assertThat(restored.windowCounts()).containsExactly(original.windowCounts());
        assertThat(restored.totalPushed()).isEqualTo(original.totalPushed());
    }
}
