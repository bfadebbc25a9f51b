package dev.highlights.video.features;

import dev.highlights.worker.media.SampledFrame;
import java.nio.ByteBuffer;

/**
 * Turns the sampled BGR frames of one decode, in order, into {@link SecondFeatures}: per sample the
 * grey and HSV planes (one pass, {@link PixelMath#bgrToGreyHsv}), per consecutive pair the grey mean
 * absolute difference (motion) and the HSV content difference (scene cut). Holds exactly two frames' planes (current and previous), swapped, never copied.
 *
 * <p>Driven by the caller: {@link #add(SampledFrame)} for each sample of the open second,
 * {@link #closeSecond()} when the next second starts or at the end. One per decode; not thread-safe.
 */
public final class FeatureExtractor {
    private final int width;
    private final int height;
    private final int n;
    private final double cutThreshold;
    private byte[] grey;
    private byte[] hue;
    private byte[] sat;
    private byte[] val;
    private byte[] pGrey;
    private byte[] pHue;
    private byte[] pSat;
    private byte[] pVal;
    private boolean havePrev;
    private double prevFrameMean;
    // open second
    private long second = Long.MIN_VALUE;
    private boolean open;
    private int frames;
    private double brightnessSum;
    private double motionSum;
    private int pairs;
    private double maxCut;
    // previous closed second
    private long lastClosed = Long.MIN_VALUE;
    private double lastBrightness;
    // cost accounting
    private long nanos;

    /**
     * @param cutThreshold HSV content difference at or above which a pair is a scene cut (about 27)
     */
    public FeatureExtractor(int width, int height, double cutThreshold) {
        this.width = width;
        this.height = height;
        this.n = width * height;
        this.cutThreshold = cutThreshold;
        this.grey = new byte[n];
        this.hue = new byte[n];
        this.sat = new byte[n];
        this.val = new byte[n];
        this.pGrey = new byte[n];
        this.pHue = new byte[n];
        this.pSat = new byte[n];
        this.pVal = new byte[n];
    }

    /** True while a second has samples and is not closed. */
    public boolean hasOpenSecond() {
        return open;
    }

    /** The open second (valid while {@link #hasOpenSecond()}). */
    public long openSecond() {
        return second;
    }

    /**
     * Adds a BGR sample of the open second (opening {@code frame.second()} if none is open).
     *
     * @throws IllegalStateException when the sample belongs to another second than the open one
     */
    public void add(SampledFrame frame) {
        long t0 = System.nanoTime();
        if (!open) {
            second = frame.second();
            open = true;
        } else if (frame.second() != second) {
            throw new IllegalStateException("sample of second " + frame.second() + " while second " + second + " is open");
        }
        if (frame.channels() != 3 || frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " BGR samples, got "
                    + frame.width() + "x" + frame.height() + "x" + frame.channels());
        }
        double frameMean;
        if (frame.repeated() && havePrev) {
            // Same picture as the previous sample: every difference is 0, nothing to convert.
            frameMean = prevFrameMean;
            pairs++;
        } else {
            swap();
            ByteBuffer px = frame.pixels();
            long sum = PixelMath.bgrToGreyHsv(px, frame.stride(), width, height, grey, hue, sat, val);
            frameMean = (double) sum / n;
            if (havePrev) {
                motionSum += PixelMath.meanAbsDiff(pGrey, grey, n);
                double cut = PixelMath.hsvContentDiff(pHue, pSat, pVal, hue, sat, val, n);
                maxCut = Math.max(maxCut, cut);
                pairs++;
            }
        }
        brightnessSum += frameMean;
        frames++;
        prevFrameMean = frameMean;
        havePrev = true;
        nanos += System.nanoTime() - t0;
    }

    private void swap() {
        byte[] t = pGrey;
        pGrey = grey;
        grey = t;
        t = pHue;
        pHue = hue;
        hue = t;
        t = pSat;
        pSat = sat;
        sat = t;
        t = pVal;
        pVal = val;
        val = t;
    }

    /** Grey plane of the latest sample ({@code width * height} bytes, row-major); reused, do not keep. */
    public byte[] latestGrey() {
        return grey;
    }

    /** Closes the open second and returns its features. */
    public SecondFeatures closeSecond() {
        if (!open) {
            throw new IllegalStateException("no open second");
        }
        double brightness = brightnessSum / frames;
        double delta = lastClosed == second - 1 ? brightness - lastBrightness : 0;
        double motion = pairs == 0 ? 0 : motionSum / pairs;
        SecondFeatures f = new SecondFeatures(second, frames, motion, pairs, brightness, delta, maxCut,
                maxCut >= cutThreshold);
        lastClosed = second;
        lastBrightness = brightness;
        open = false;
        frames = 0;
        brightnessSum = 0;
        motionSum = 0;
        pairs = 0;
        maxCut = 0;
        return f;
    }

    /** Time spent in {@link #add} so far (conversions, differences). */
    public long nanos() {
        return nanos;
    }
}
