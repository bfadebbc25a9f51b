package dev.highlights.launcher.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The scores of {@code ./highlights eval}, all pure functions of labels and detections.
 * <ul>
 *   <li>event level: one-to-one {@link EventMatching#match matching} of detections to true highlights;</li>
 *   <li>second level: second {@code s} (integer, {@code 0 <= s < duration}) is positive when {@code s + 0.5} lies
 *   in an interval ({@code start <= s + 0.5 < end});</li>
 *   <li>non-highlights hit: labelled non-highlights that any detection matches under the same rule, not
 *   one-to-one, by kind;</li>
 *   <li>chat lag: see {@link LagScore}.</li>
 * </ul>
 */
public final class EvalMetrics {

    private EvalMetrics() {
    }

    /** Scores one VOD. Its truth must know the duration (the caller fills in the probed one). */
    public static VodResult evaluate(VodInput input) {
        LabelledVod truth = input.truth();
        if (!truth.durationKnown() || truth.durationSec() < 0) {
            throw new IllegalArgumentException(input.vod() + ": the VOD duration is unknown (" + truth.durationSec()
                    + "); pass the probed duration for a label file without one");
        }
        List<Label> highlights = truth.highlights();
        List<Detection> detections = input.detections();
        List<EventMatching.Pair> pairs = EventMatching.match(detections, highlights);
        return new VodResult(input.vod(), truth.durationSec(),
                EventScore.of(pairs.size(), detections.size(), highlights.size()),
                secondScore(detections, highlights, truth.durationSec()),
                nonHighlightHits(detections, truth.nonHighlights()),
                lagScore(detections, highlights, pairs, input.vodLagEstimateSec()));
    }

    /** Scores every VOD and pools them. */
    public static EvalResult evaluateAll(List<VodInput> inputs) {
        List<VodResult> vods = inputs.stream().map(EvalMetrics::evaluate).toList();
        return new EvalResult(vods, totals(vods));
    }

    public static EventScore eventScore(List<? extends TimeInterval> detections,
                                        List<? extends TimeInterval> truths) {
        return EventScore.of(EventMatching.match(detections, truths).size(), detections.size(), truths.size());
    }

    /** Which of the seconds {@code 0 .. ceil(duration) - 1} have their midpoint inside one of the intervals. */
    public static boolean[] positiveSeconds(List<? extends TimeInterval> intervals, double durationSec) {
        boolean[] positive = new boolean[(int) Math.ceil(durationSec)];
        for (TimeInterval interval : intervals) {
            // start <= s + 0.5 < end  <=>  ceil(start - 0.5) <= s < ceil(end - 0.5), s integer.
            int first = (int) Math.max(0, Math.ceil(interval.start() - 0.5));
            long afterLast = Math.min(positive.length, (long) Math.ceil(interval.end() - 0.5));
            for (int s = first; s < afterLast; s++) {
                positive[s] = true;
            }
        }
        return positive;
    }

    public static SecondScore secondScore(List<? extends TimeInterval> detections,
                                          List<? extends TimeInterval> truths, double durationSec) {
        boolean[] detected = positiveSeconds(detections, durationSec);
        boolean[] expected = positiveSeconds(truths, durationSec);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int s = 0; s < detected.length; s++) {
            if (detected[s] && expected[s]) {
                tp++;
            } else if (detected[s]) {
                fp++;
            } else if (expected[s]) {
                fn++;
            }
        }
        return SecondScore.of(tp, fp, fn);
    }

    /** Per kind, how many of the labels some detection matches ({@link EventMatching#isCandidate}); by kind. */
    public static Map<String, KindHits> nonHighlightHits(List<? extends TimeInterval> detections,
                                                         List<Label> nonHighlights) {
        Map<String, KindHits> byKind = new TreeMap<>();
        for (Label label : nonHighlights) {
            boolean hit = detections.stream().anyMatch(d -> EventMatching.isCandidate(d, label));
            byKind.merge(label.kind(), new KindHits(hit ? 1 : 0, 1), KindHits::plus);
        }
        return byKind;
    }

    /**
     * The chat lag scores of one VOD. When any detection carries its own estimate, the errors are those of matched
     * (detection, highlight) pairs where both sides have a lag; otherwise the one error of the VOD estimate against
     * the median true lag. Only highlights' true lags count: non-highlights have no reaction to measure against.
     */
    public static LagScore lagScore(List<Detection> detections, List<Label> highlights,
                                    List<EventMatching.Pair> pairs, Double vodEstimateSec) {
        Double trueMedian = median(highlights.stream().map(Label::chatLagSec).filter(Objects::nonNull).toList());
        List<Double> detectionLags = detections.stream().map(Detection::chatLagSec).filter(Objects::nonNull).toList();
        List<Double> errors = new ArrayList<>();
        if (!detectionLags.isEmpty()) {
            for (EventMatching.Pair pair : pairs) {
                Double estimated = detections.get(pair.detection()).chatLagSec();
                Double actual = highlights.get(pair.truth()).chatLagSec();
                if (estimated != null && actual != null) {
                    errors.add(Math.abs(estimated - actual));
                }
            }
        } else if (vodEstimateSec != null && trueMedian != null) {
            errors.add(Math.abs(vodEstimateSec - trueMedian));
        }
        return new LagScore(trueMedian, vodEstimateSec, median(detectionLags), errors, median(errors));
    }

    /** Pools VOD results: see {@link EvalTotals}. */
    public static EvalTotals totals(List<VodResult> vods) {
        if (vods.isEmpty()) {
            throw new IllegalArgumentException("no VODs to total");
        }
        EventScore events = EventScore.of(0, 0, 0);
        SecondScore seconds = SecondScore.of(0, 0, 0);
        Map<String, KindHits> nonHighlights = new TreeMap<>();
        List<Double> lagErrors = new ArrayList<>();
        double duration = 0;
        VodResult worstEvents = vods.get(0);
        VodResult worstSeconds = vods.get(0);
        for (VodResult vod : vods) {
            duration += vod.durationSec();
            events = events.plus(vod.events());
            seconds = seconds.plus(vod.seconds());
            vod.nonHighlightHits().forEach((kind, hits) -> nonHighlights.merge(kind, hits, KindHits::plus));
            lagErrors.addAll(vod.lag().errorSamplesSec());
            // Strictly lower only: on a tie the first VOD in input order is named.
            if (vod.events().f1() < worstEvents.events().f1()) {
                worstEvents = vod;
            }
            if (vod.seconds().f1() < worstSeconds.seconds().f1()) {
                worstSeconds = vod;
            }
        }
        return new EvalTotals(vods.size(), duration, events, seconds, nonHighlights, median(lagErrors),
                lagErrors.size(), worstEvents.events().f1(), worstEvents.vod(), worstSeconds.seconds().f1(),
                worstSeconds.vod());
    }

    /** The middle value (mean of the two middle ones for an even count); null for none. */
    public static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** {@code part / whole}, and 1 for an empty whole (the empty-set convention of precision and recall). */
    static double ratioOrOne(int part, int whole) {
        return whole == 0 ? 1.0 : (double) part / whole;
    }

    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
