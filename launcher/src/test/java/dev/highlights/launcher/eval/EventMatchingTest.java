package dev.highlights.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.launcher.eval.EventMatching.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The event matching rule (IoU or overlap of the shorter) and the one-to-one maximum matching. */
class EventMatchingTest {

    @ParameterizedTest(name = "[{0},{1}) vs [{2},{3}) -> match {4}, IoU {5}")
    @CsvSource({
            // identical
            "0, 10, 0, 10, true, 1.0",
            // IoU path only: overlap 4.7 of 10 is under half the shorter, IoU 4.7/15.3 = 0.307
            "0, 10, 5.3, 15.3, true, 0.30718954",
            // IoU exactly 0.3 (6 / 20) while overlap 6 < half of 13: the threshold is inclusive
            "0, 13, 7, 20, true, 0.3",
            // just under both: overlap 5.9 of 13, IoU 5.9/20.1
            "0, 13, 7.1, 20.1, false, 0.29353234",
            // overlap-of-shorter path: a 10 s detection inside a 100 s moment, IoU 0.1
            "0, 100, 10, 20, true, 0.1",
            "10, 20, 0, 100, true, 0.1",
            // overlap exactly half the shorter (5 of 10), IoU 5/35
            "0, 30, 25, 35, true, 0.14285714",
            // 4.5 of 10: under half, IoU 4.5/35.5
            "0, 30, 25.5, 35.5, false, 0.12676056",
            // touching intervals share nothing
            "0, 10, 10, 20, false, 0.0",
            "0, 10, 30, 40, false, 0.0",
    })
    void candidateRule(double ds, double de, double ts, double te, boolean match, double iou) {
        Detection d = new Detection(ds, de);
        Label t = Label.highlight(ts, te);
        assertThat(EventMatching.iou(d, t)).isCloseTo(iou, within(1e-6));
        assertThat(EventMatching.isCandidate(d, t)).isEqualTo(match);
        assertThat(EventMatching.isCandidate(t, d)).as("symmetric").isEqualTo(match);
        assertThat(EventMatching.match(List.of(d), List.of(t))).hasSize(match ? 1 : 0);
    }

    @Test
    void findsTheMaximumMatchingWhereGreedyByIouStopsShort() {
        // D0 fits T0 best (IoU 0.8) but also covers all of T1 (IoU 0.2); D1's only candidate is T0 (IoU 0.625).
        List<Detection> detections = List.of(new Detection(0, 20), new Detection(0, 10));
        List<Label> truths = List.of(Label.highlight(0, 16), Label.highlight(16, 20));
        assertThat(greedyByIou(detections, truths)).as("greedy takes D0-T0 and strands D1").hasSize(1);

        List<Pair> pairs = EventMatching.match(detections, truths);
        assertThat(pairs).extracting(Pair::detection, Pair::truth)
                .containsExactly(tuple(0, 1), tuple(1, 0));
        assertThat(pairs.get(0).iou()).isCloseTo(0.2, within(1e-9));
        assertThat(pairs.get(1).iou()).isCloseTo(0.625, within(1e-9));
    }

    @Test
    void equalIouTiesStillReachTheMaximumMatching() {
        // D0 = [5,15) has IoU 1/3 with both T0 = [0,10) and T1 = [10,20); D1 = [8,9) only fits T0 (inside it).
        // Picking D0-T0 on the tie would leave one match; the maximum is D0-T1 and D1-T0.
        List<Detection> detections = List.of(new Detection(5, 15), new Detection(8, 9));
        List<Label> truths = List.of(Label.highlight(0, 10), Label.highlight(10, 20));
        assertThat(EventMatching.match(detections, truths)).extracting(Pair::detection, Pair::truth)
                .containsExactly(tuple(0, 1), tuple(1, 0));
    }

    @Test
    void twoIdenticalDetectionsMatchOneTruthOnceAndTheResultIsStable() {
        List<Detection> detections = List.of(new Detection(0, 10), new Detection(0, 10));
        List<Label> truths = List.of(Label.highlight(0, 10));
        List<Pair> first = EventMatching.match(detections, truths);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).truth()).isZero();
        assertThat(first.get(0).iou()).isEqualTo(1.0);
        assertThat(EventMatching.match(detections, truths)).isEqualTo(first);
    }

    @Test
    void amongMaximumMatchingsPrefersTheHigherSummedIou() {
        // Both the straight and the crossed pairing match twice; the straight one has IoU 1 + 1.
        List<Detection> detections = List.of(new Detection(0, 10), new Detection(5, 15));
        List<Label> truths = List.of(Label.highlight(0, 10), Label.highlight(5, 15));
        assertThat(EventMatching.match(detections, truths)).extracting(Pair::detection, Pair::truth, Pair::iou)
                .containsExactly(tuple(0, 0, 1.0),
                        tuple(1, 1, 1.0));
    }

    @Test
    void emptySidesMatchNothing() {
        assertThat(EventMatching.match(List.of(), List.of())).isEmpty();
        assertThat(EventMatching.match(List.of(new Detection(0, 10)), List.of())).isEmpty();
        assertThat(EventMatching.match(List.of(), List.of(Label.highlight(0, 10)))).isEmpty();
    }

    @Test
    void agreesWithExhaustiveSearchOnRandomCrowdedTimelines() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            List<Detection> detections = new ArrayList<>();
            List<Label> truths = new ArrayList<>();
            int d = random.nextInt(6);
            int t = random.nextInt(6);
            for (int i = 0; i < d; i++) {
                double start = random.nextInt(60);
                detections.add(new Detection(start, start + 1 + random.nextInt(25)));
            }
            for (int j = 0; j < t; j++) {
                double start = random.nextInt(60);
                truths.add(Label.highlight(start, start + 1 + random.nextInt(25)));
            }
            List<Pair> pairs = EventMatching.match(detections, truths);
            double[] best = bestByExhaustiveSearch(detections, truths, 0, new boolean[t]);
            assertThat(pairs).as("round %d", round).hasSize((int) best[0]);
            assertThat(pairs.stream().mapToDouble(Pair::iou).sum()).as("round %d", round)
                    .isCloseTo(best[1], within(1e-9));
            assertThat(pairs.stream().map(Pair::truth).distinct()).hasSize(pairs.size());
            assertThat(pairs).allSatisfy(p -> assertThat(
                    EventMatching.isCandidate(detections.get(p.detection()), truths.get(p.truth()))).isTrue());
        }
    }

    /** {max pairs, max summed IoU among those} over every way to give detections {@code from..} distinct truths. */
    private static double[] bestByExhaustiveSearch(List<Detection> detections, List<Label> truths, int from,
                                                   boolean[] taken) {
        if (from == detections.size()) {
            return new double[] {0, 0};
        }
        double[] best = bestByExhaustiveSearch(detections, truths, from + 1, taken);
        for (int j = 0; j < truths.size(); j++) {
            if (!taken[j] && EventMatching.isCandidate(detections.get(from), truths.get(j))) {
                taken[j] = true;
                double[] rest = bestByExhaustiveSearch(detections, truths, from + 1, taken);
                taken[j] = false;
                double count = rest[0] + 1;
                double iou = rest[1] + EventMatching.iou(detections.get(from), truths.get(j));
                if (count > best[0] || (count == best[0] && iou > best[1] + 1e-12)) {
                    best = new double[] {count, iou};
                }
            }
        }
        return best;
    }

    /** The naive alternative: take candidate pairs by descending IoU while both ends are free. */
    private static List<int[]> greedyByIou(List<Detection> detections, List<Label> truths) {
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            for (int j = 0; j < truths.size(); j++) {
                if (EventMatching.isCandidate(detections.get(i), truths.get(j))) {
                    candidates.add(new int[] {i, j});
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(
                (int[] c) -> EventMatching.iou(detections.get(c[0]), truths.get(c[1]))).reversed());
        boolean[] usedDetection = new boolean[detections.size()];
        boolean[] usedTruth = new boolean[truths.size()];
        List<int[]> taken = new ArrayList<>();
        for (int[] c : candidates) {
            if (!usedDetection[c[0]] && !usedTruth[c[1]]) {
                usedDetection[c[0]] = true;
                usedTruth[c[1]] = true;
                taken.add(c);
            }
        }
        return taken;
    }
}
