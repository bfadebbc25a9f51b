package dev.highlights.audio.features;

/**
 * Triangular mel filters on the bins of a real FFT (HTK mel scale, {@code mel = 2595 log10(1 + f/700)},
 * unit peak height, no area normalisation). Shared by the Java features and the ONNX front end so
 * both compute the same log-mel energies.
 */
public final class MelFilterbank {
    private final int bands;
    private final int bins;
    private final float[][] weights; // [band][bin]
    private final int[] firstBin;
    private final int[] lastBin;     // inclusive
    private final double[] centreHz;

    public MelFilterbank(int bands, int fftSize, int sampleRate, double fMinHz, double fMaxHz) {
        if (bands <= 0 || fMinHz < 0 || fMaxHz <= fMinHz || fMaxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("bad mel filterbank parameters");
        }
        this.bands = bands;
        this.bins = fftSize / 2 + 1;
        this.weights = new float[bands][bins];
        this.firstBin = new int[bands];
        this.lastBin = new int[bands];
        this.centreHz = new double[bands];
        double melMin = hzToMel(fMinHz);
        double melMax = hzToMel(fMaxHz);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (bands + 1));
        }
        for (int b = 0; b < bands; b++) {
            double lo = edges[b];
            double mid = edges[b + 1];
            double hi = edges[b + 2];
            centreHz[b] = mid;
            firstBin[b] = -1;
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / fftSize;
                double w = 0;
                if (f > lo && f <= mid) {
                    w = (f - lo) / (mid - lo);
                } else if (f > mid && f < hi) {
                    w = (hi - f) / (hi - mid);
                }
                if (w > 0) {
                    weights[b][k] = (float) w;
                    if (firstBin[b] < 0) {
                        firstBin[b] = k;
                    }
                    lastBin[b] = k;
                }
            }
            if (firstBin[b] < 0) {
                throw new IllegalArgumentException("mel band " + b + " (" + Math.round(mid)
                        + " Hz) covers no FFT bin: use fewer bands, a larger FFT or a higher fMin");
            }
        }
    }

    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    public int bands() {
        return bands;
    }

    public int bins() {
        return bins;
    }

    public float weight(int band, int bin) {
        return weights[band][bin];
    }

    public double centreHz(int band) {
        return centreHz[band];
    }

    /** Mel energies of a power spectrum ({@code power[0..bins)}) into {@code out[0..bands)}. */
    public void apply(double[] power, double[] out) {
        for (int b = 0; b < bands; b++) {
            float[] w = weights[b];
            double s = 0;
            for (int k = firstBin[b], end = lastBin[b]; k <= end; k++) {
                s += w[k] * power[k];
            }
            out[b] = s;
        }
    }

    /** The filters as a row-major {@code [bins, bands]} matrix (power row times matrix = mel row). */
    public float[] matrixBinsByBands() {
        float[] m = new float[bins * bands];
        for (int k = 0; k < bins; k++) {
            for (int b = 0; b < bands; b++) {
                m[k * bands + b] = weights[b][k];
            }
        }
        return m;
    }
}
