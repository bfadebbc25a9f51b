package dev.highlights.fusion.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The user's reference detector (docs/detection.md "Detection rules") as a plain batch computation over whole-VOD arrays.
 * It is the oracle the streaming {@link FusionEngine} is compared with, so it is written independently of it and
 * as literally as possible:
 * <ul>
 *   <li>chat: mean and population sd over the seconds that have messages; points 3 / 2 / 0;</li>
 *   <li>audio: whole-VOD z of the per-second RMS energy (the 5 s window / 1 s hop is the audio worker's job),
 *       scored where z &gt; 2, scaled min(z/3, 1);</li>
 *   <li>video: whole-VOD z of brightness and of motion, max of the two where &gt; 1, scaled min(z/2, 0.5);</li>
 *   <li>7 s centred moving average, zero-padded outside the VOD and always divided by 7
 *       (numpy {@code convolve(x, ones(7)/7, 'same')});</li>
 *   <li>highlight second: smoothed chat &gt; 0.5 and final &gt; 0.3; gaps of up to 3 s joined; &lt; 10 s dropped;
 *       ranked by duration, then mean final score (then earlier start).</li>
 * </ul>
 * z-scores use the population sd; a constant series (sd 0) has z 0 everywhere.
 */
public final class ReferenceDetector {
    private final FusionConfig config;
    private final ModalityScoring scoring;

    public ReferenceDetector(FusionConfig config) {
        this.config = config;
        this.scoring = new ModalityScoring(config);
    }

    /** Everything the reference computes, for tests and diagnostics. Arrays have one entry per second. */
    public record Result(double[] chatPoints, double[] audioScores, double[] videoScores,
                         double[] smoothedChat, double[] smoothedAudio, double[] smoothedVideo,
                         double[] finalScores, boolean[] highlightSeconds, List<DetectedInterval> ranked) {
    }

    /**
     * Runs the reference on raw per-second features. Any of audio, brightness+motion may be null (modality missing:
     * scores 0). Arrays that are present must have the chat array's length.
     */
    public Result detect(int[] chatCounts, double[] audioEnergy, double[] brightness, double[] motion) {
        int n = chatCounts.length;
        double[] chat = chatPoints(chatCounts);
        double[] audio = audioEnergy == null ? new double[n] : audioScores(checkLength(audioEnergy, n));
        double[] video = brightness == null && motion == null ? new double[n]
                : videoScores(brightness == null ? null : checkLength(brightness, n), motion == null ? null : checkLength(motion, n));
        return fuse(chat, audio, video);
    }

    /** Rule 4 on already-scored vectors (chat points, scaled audio 0..1, scaled video 0..0.5). */
    public Result fuse(double[] chatPoints, double[] audioScores, double[] videoScores) {
        int n = chatPoints.length;
        checkLength(audioScores, n);
        checkLength(videoScores, n);
        double[] sc = smooth(chatPoints);
        double[] sa = smooth(audioScores);
        double[] sv = smooth(videoScores);
        double[] fin = new double[n];
        boolean[] hl = new boolean[n];
        for (int i = 0; i < n; i++) {
            fin[i] = config.chatWeight() * sc[i] + config.audioWeight() * sa[i] + config.videoWeight() * sv[i];
            hl[i] = sc[i] > config.chatActiveThreshold() && fin[i] > config.finalThreshold();
        }
        List<DetectedInterval> intervals = intervals(hl, fin);
        intervals.sort(config.rankingOrder().comparator(DetectedInterval::durationSec, DetectedInterval::meanScore, DetectedInterval::startSec));
        return new Result(chatPoints, audioScores, videoScores, sc, sa, sv, fin, hl, List.copyOf(intervals));
    }

    /** Rule 1 over a whole VOD. */
    public double[] chatPoints(int[] counts) {
        double sum = 0;
        int m = 0;
        for (int c : counts) {
            if (c > 0) {
                sum += c;
                m++;
            }
        }
        double[] points = new double[counts.length];
        if (m == 0) return points;
        double mean = sum / m;
        double sq = 0;
        for (int c : counts) {
            if (c > 0) sq += (c - mean) * (c - mean);
        }
        double sd = Math.sqrt(sq / m);
        for (int i = 0; i < counts.length; i++) {
            points[i] = scoring.chatPoints(counts[i], mean, sd);
        }
        return points;
    }

    /** Rule 2 over a whole VOD: scaled audio scores. */
    public double[] audioScores(double[] energy) {
        double[] z = zScores(energy);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) out[i] = scoring.audioScore(z[i]);
        return out;
    }

    /** Rule 3 over a whole VOD: scaled video scores. Either array may be null. */
    public double[] videoScores(double[] brightness, double[] motion) {
        double[] zb = brightness == null ? null : zScores(brightness);
        double[] zm = motion == null ? null : zScores(motion);
        int n = zb != null ? zb.length : zm.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scoring.videoScore(zb == null ? Double.NaN : zb[i], zm == null ? Double.NaN : zm[i]);
        }
        return out;
    }

    /** Whole-VOD z-scores with the population sd. */
    public static double[] zScores(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double sq = 0;
        for (double v : x) sq += (v - mean) * (v - mean);
        double sd = x.length == 0 ? 0 : Math.sqrt(sq / x.length);
        double[] z = new double[x.length];
        if (sd == 0) return z;
        for (int i = 0; i < x.length; i++) z[i] = (x[i] - mean) / sd;
        return z;
    }

    /** Centred moving average of 2r+1 seconds, zero outside [0, n), always divided by 2r+1. */
    public double[] smooth(double[] x) {
        int r = config.smoothingRadiusSec();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int k = Math.max(0, i - r); k <= Math.min(x.length - 1, i + r); k++) sum += x[k];
            out[i] = sum / (2 * r + 1);
        }
        return out;
    }

    /** Joins highlight seconds across gaps of up to maxGap seconds and drops short intervals. */
    private List<DetectedInterval> intervals(boolean[] hl, double[] fin) {
        List<DetectedInterval> out = new ArrayList<>();
        int i = 0;
        while (i < hl.length) {
            if (!hl[i]) {
                i++;
                continue;
            }
            int start = i;
            int last = i;
            for (int j = i + 1; j < hl.length && j - last - 1 <= config.maxGapSec(); j++) {
                if (hl[j]) last = j;
            }
            int end = last + 1;
            if (end - start >= config.minDurationSec()) {
                double sum = 0;
                int peak = start;
                for (int k = start; k < end; k++) {
                    sum += fin[k];
                    if (fin[k] > fin[peak]) peak = k;
                }
                out.add(new DetectedInterval(start, end, peak, sum / (end - start), fin[peak]));
            }
            i = end;
        }
        return out;
    }

    private static double[] checkLength(double[] a, int n) {
        if (a.length != n) throw new IllegalArgumentException("array length " + a.length + " != chat length " + n);
        return a;
    }
}
