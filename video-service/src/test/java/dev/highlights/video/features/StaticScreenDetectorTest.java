package dev.highlights.video.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticScreenDetectorTest {

    /**
     * Offline reference: s is static iff some window of minRun consecutive quiet seconds contains s and
     * ends no later than s + lookAhead (seconds outside the input are not quiet).
     */
    static boolean[] reference(boolean[] quiet, int minRun, int lookAhead) {
        int n = quiet.length;
        boolean[] out = new boolean[n];
        for (int s = 0; s < n; s++) {
            for (int end = s; end <= Math.min(n - 1, s + lookAhead); end++) {
                int start = end - minRun + 1;
                if (start < 0 || start > s) {
                    continue;
                }
                boolean all = true;
                for (int i = start; i <= end; i++) {
                    all &= quiet[i];
                }
                if (all) {
                    out[s] = true;
                }
            }
        }
        return out;
    }

    static Map<Long, Boolean> run(double[] motion, double threshold, int minRun, int lookAhead, long firstSecond) {
        Map<Long, Boolean> verdicts = new LinkedHashMap<>();
        List<Long> order = new ArrayList<>();
        StaticScreenDetector d = new StaticScreenDetector(threshold, minRun, lookAhead, (s, v) -> {
            assertThat(verdicts).doesNotContainKey(s);
            verdicts.put(s, v);
            order.add(s);
        });
        for (int i = 0; i < motion.length; i++) {
            d.accept(firstSecond + i, motion[i]);
            // Bounded delay: a second is decided at the latest lookAhead seconds later.
            long decidedUpTo = firstSecond + i - lookAhead;
            for (long s = firstSecond; s <= decidedUpTo; s++) {
                assertThat(verdicts).as("verdict for %d after second %d", s, firstSecond + i).containsKey(s);
            }
        }
        d.finish();
        assertThat(order).isSorted();
        return verdicts;
    }

    @Test
    void matchesTheOfflineReferenceOnRandomInputs() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 400; trial++) {
            int minRun = 1 + rnd.nextInt(12);
            int lookAhead = rnd.nextInt(minRun);
            int n = 1 + rnd.nextInt(80);
            double[] motion = new double[n];
            boolean[] quiet = new boolean[n];
            // Long quiet stretches and busy bursts.
            boolean q = rnd.nextBoolean();
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(6) == 0) {
                    q = !q;
                }
                motion[i] = q ? rnd.nextDouble() * 0.9 : 1 + rnd.nextDouble() * 30;
                quiet[i] = q;
            }
            Map<Long, Boolean> v = run(motion, 1.0, minRun, lookAhead, 100);
            boolean[] ref = reference(quiet, minRun, lookAhead);
            assertThat(v).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(v.get(100L + i)).as("trial %d second %d (minRun %d, lookAhead %d)", trial, i, minRun, lookAhead)
                        .isEqualTo(ref[i]);
            }
        }
    }

    @Test
    void fullLookAheadMarksTheWholeRunFromItsFirstSecond() {
        double[] m = new double[30];
        java.util.Arrays.fill(m, 5);
        for (int i = 10; i < 22; i++) {
            m[i] = 0.1; // 12 quiet seconds
        }
        Map<Long, Boolean> v = run(m, 1.0, 10, 9, 0);
        for (long s = 0; s < 30; s++) {
            assertThat(v.get(s)).as("second %d", s).isEqualTo(s >= 10 && s < 22);
        }
    }

    @Test
    void causalModeMarksFromTheMinRunthSecond() {
        double[] m = new double[30];
        java.util.Arrays.fill(m, 5);
        for (int i = 10; i < 22; i++) {
            m[i] = 0.1;
        }
        Map<Long, Boolean> v = run(m, 1.0, 10, 0, 0);
        for (long s = 0; s < 30; s++) {
            assertThat(v.get(s)).as("second %d", s).isEqualTo(s >= 19 && s < 22);
        }
    }

    @Test
    void shortRunsAndGapsAreNotStatic() {
        List<Long> statics = new ArrayList<>();
        StaticScreenDetector d = new StaticScreenDetector(1.0, 5, 4, (s, v) -> {
            if (v) {
                statics.add(s);
            }
        });
        for (long s = 0; s < 4; s++) {
            d.accept(s, 0); // 4 quiet seconds
        }
        d.accept(4, 9);
        for (long s = 5; s < 8; s++) {
            d.accept(s, 0); // 3 quiet, then a gap (8, 9 missing), then 3 quiet
        }
        for (long s = 10; s < 13; s++) {
            d.accept(s, 0);
        }
        d.finish();
        assertThat(statics).isEmpty();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new StaticScreenDetector(1, 0, 0, (s, v) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaticScreenDetector(1, 5, 5, (s, v) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        StaticScreenDetector d = new StaticScreenDetector(1, 5, 4, (s, v) -> { });
        d.accept(3, 0);
        assertThatThrownBy(() -> d.accept(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
