package dev.highlights.fusion.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Estimates how many seconds chat reacts after the moment: the lag L in [minLag, maxLag] that maximises the Pearson
 * correlation of chat activity at t + L with media (audio + video) activity at t, over all seconds observed so far.
 *
 * <p>Cost: one {@link #observe} per media second updates six running sums per candidate lag (O(lags), 21 by default),
 * and the state is those sums: independent of the VOD's length.
 *
 * <p>Deterministic: the estimate depends only on the sequence of observations (the engine feeds them in second order,
 * whatever order inputs arrived in). Stable: the lag moves only when all of these hold, so noise cannot make it flap:
 * <ol>
 *   <li>at least {@code minEvidence} seconds with media activity have been observed,</li>
 *   <li>the number of such seconds is a multiple of {@code reevaluateEvery} (decisions happen at fixed checkpoints),</li>
 *   <li>the best lag's correlation is at least {@code minCorrelation}, and</li>
 *   <li>it beats the current lag's correlation by at least {@code switchMargin}.</li>
 * </ol>
 * Ties between lags go to the one closest to the current lag, then to the smaller lag.
 */
public final class ChatLagEstimator {
    private final int minLag;
    private final int maxLag;
    private final int minEvidence;
    private final int reevaluateEvery;
    private final double minCorrelation;
    private final double switchMargin;
    private final long[] n;
    private final double[] sx;
    private final double[] sy;
    private final double[] sxx;
    private final double[] syy;
    private final double[] sxy;
    private long evidence;
    private int currentLag;

    public ChatLagEstimator(int minLag, int maxLag, int initialLag, int minEvidence, int reevaluateEvery,
                            double minCorrelation, double switchMargin) {
        if (minLag < 0 || maxLag < minLag || initialLag < minLag || initialLag > maxLag) {
            throw new IllegalArgumentException("need 0 <= minLag <= initialLag <= maxLag");
        }
        this.minLag = minLag;
        this.maxLag = maxLag;
        this.minEvidence = minEvidence;
        this.reevaluateEvery = reevaluateEvery;
        this.minCorrelation = minCorrelation;
        this.switchMargin = switchMargin;
        int lags = maxLag - minLag + 1;
        n = new long[lags];
        sx = new double[lags];
        sy = new double[lags];
        sxx = new double[lags];
        syy = new double[lags];
        sxy = new double[lags];
        currentLag = initialLag;
    }

    public static ChatLagEstimator fromConfig(FusionConfig c) {
        return new ChatLagEstimator(c.minChatLagSec(), c.maxChatLagSec(), c.fixedChatLagSec(), c.lagMinEvidenceSec(),
                c.lagReevaluateEverySec(), c.lagMinCorrelation(), c.lagSwitchMargin());
    }

    public int minLag() {
        return minLag;
    }

    public int maxLag() {
        return maxLag;
    }

    /**
     * Observes one media second t.
     *
     * @param media     audio+video activity at t, NaN when neither was known (the second is skipped)
     * @param chatByLag chat activity at t + minLag + i for i = 0..maxLag-minLag; NaN where chat is unknown
     */
    public void observe(double media, double[] chatByLag) {
        if (Double.isNaN(media)) return;
        for (int i = 0; i < n.length; i++) {
            double y = chatByLag[i];
            if (Double.isNaN(y)) continue;
            n[i]++;
            sx[i] += media;
            sy[i] += y;
            sxx[i] += media * media;
            syy[i] += y * y;
            sxy[i] += media * y;
        }
        evidence++;
        if (evidence >= minEvidence && evidence % reevaluateEvery == 0) reevaluate();
    }

    private void reevaluate() {
        int best = currentLag;
        double bestCorr = correlation(currentLag);
        for (int lag = minLag; lag <= maxLag; lag++) {
            double c = correlation(lag);
            boolean better = c > bestCorr
                    || (c == bestCorr && Math.abs(lag - currentLag) < Math.abs(best - currentLag));
            if (better) {
                best = lag;
                bestCorr = c;
            }
        }
        if (best != currentLag && bestCorr >= minCorrelation && bestCorr - correlation(currentLag) >= switchMargin) {
            currentLag = best;
        }
    }

    /** Pearson correlation for a lag; 0 when either side has no variance yet. */
    public double correlation(int lag) {
        int i = lag - minLag;
        long k = n[i];
        if (k < 2) return 0;
        double cov = k * sxy[i] - sx[i] * sy[i];
        double vx = k * sxx[i] - sx[i] * sx[i];
        double vy = k * syy[i] - sy[i] * sy[i];
        if (vx <= 0 || vy <= 0) return 0;
        return cov / Math.sqrt(vx * vy);
    }

    public int currentLag() {
        return currentLag;
    }

    /** Seconds with media activity observed so far. */
    public long evidence() {
        return evidence;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(minLag);
        out.writeInt(maxLag);
        out.writeInt(minEvidence);
        out.writeInt(reevaluateEvery);
        out.writeDouble(minCorrelation);
        out.writeDouble(switchMargin);
        out.writeLong(evidence);
        out.writeInt(currentLag);
        for (int i = 0; i < n.length; i++) {
            out.writeLong(n[i]);
            out.writeDouble(sx[i]);
            out.writeDouble(sy[i]);
            out.writeDouble(sxx[i]);
            out.writeDouble(syy[i]);
            out.writeDouble(sxy[i]);
        }
    }

    static ChatLagEstimator read(DataInput in) throws IOException {
        int minLag = in.readInt();
        int maxLag = in.readInt();
        int minEvidence = in.readInt();
        int every = in.readInt();
        double minCorr = in.readDouble();
        double margin = in.readDouble();
        long evidence = in.readLong();
        int current = in.readInt();
        ChatLagEstimator e = new ChatLagEstimator(minLag, maxLag, current, minEvidence, every, minCorr, margin);
        e.evidence = evidence;
        for (int i = 0; i < e.n.length; i++) {
            e.n[i] = in.readLong();
            e.sx[i] = in.readDouble();
            e.sy[i] = in.readDouble();
            e.sxx[i] = in.readDouble();
            e.syy[i] = in.readDouble();
            e.sxy[i] = in.readDouble();
        }
        return e;
    }
}
