package dev.highlights.audio.features;

/**
 * Power spectrum of a real frame by a radix-2 FFT: the {@code n} real samples are packed into an
 * {@code n/2}-point complex FFT (even samples real, odd samples imaginary) and split into the
 * {@code n/2 + 1} bins of the real transform. Unnormalised: {@code |X[k]|^2} with
 * {@code X[k] = sum_t x[t] e^{-2 pi i k t / n}}.
 *
 * <p>Not thread-safe (scratch arrays); one per feature extractor.
 */
public final class RealFft {
    private final int n;
    private final int half;
    private final int[] bitReverse;
    private final double[] cos;   // twiddles of the n/2-point FFT
    private final double[] sin;
    private final double[] splitCos; // e^{-2 pi i k / n}, k = 0..n/2
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;

    public RealFft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.bitReverse = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int i = 0; i < half; i++) {
            bitReverse[i] = Integer.reverse(i) >>> (32 - bits);
        }
        this.cos = new double[half / 2];
        this.sin = new double[half / 2];
        for (int i = 0; i < half / 2; i++) {
            double a = -2 * Math.PI * i / half;
            cos[i] = Math.cos(a);
            sin[i] = Math.sin(a);
        }
        this.splitCos = new double[half + 1];
        this.splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double a = -2 * Math.PI * k / n;
            splitCos[k] = Math.cos(a);
            splitSin[k] = Math.sin(a);
        }
        this.re = new double[half];
        this.im = new double[half];
    }

    public int size() {
        return n;
    }

    /** Number of output bins, {@code n/2 + 1}. */
    public int bins() {
        return half + 1;
    }

    /**
     * Power spectrum of {@code x[offset .. offset+len)} zero-padded to {@code n}, each sample multiplied
     * by {@code window[i]} (or not, when {@code window} is null), into {@code power[0 .. n/2]}.
     */
    public void powerSpectrum(float[] x, int offset, int len, float[] window, double[] power) {
        if (len > n) {
            throw new IllegalArgumentException("frame of " + len + " samples exceeds FFT size " + n);
        }
        // pack: z[k] = x[2k] + i x[2k+1], in bit-reversed order
        for (int k = 0; k < half; k++) {
            int t = 2 * k;
            double a = t < len ? (window == null ? x[offset + t] : x[offset + t] * window[t]) : 0.0;
            double b = t + 1 < len ? (window == null ? x[offset + t + 1] : x[offset + t + 1] * window[t + 1]) : 0.0;
            int j = bitReverse[k];
            re[j] = a;
            im[j] = b;
        }
        transform();
        // split: X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[h-k]) / 2, O = (Z[k] - conj Z[h-k]) / 2i
        for (int k = 0; k <= half; k++) {
            int k1 = k == half ? 0 : k;
            int k2 = k == 0 ? 0 : half - k;
            double zr = re[k1];
            double zi = im[k1];
            double cr = re[k2];
            double ci = -im[k2];
            double er = 0.5 * (zr + cr);
            double ei = 0.5 * (zi + ci);
            double dr = 0.5 * (zr - cr);
            double di = 0.5 * (zi - ci);
            // O = d / i = (di, -dr)
            double or = di;
            double oi = -dr;
            double wr = splitCos[k];
            double wi = splitSin[k];
            double xr = er + wr * or - wi * oi;
            double xi = ei + wr * oi + wi * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    /** In-place iterative radix-2 FFT of (re, im), already in bit-reversed order. */
    private void transform() {
        int size = 2;
        if (half >= 4) {
            // the first two stages at once (twiddles 1 and -i need no multiplication)
            for (int p = 0; p < half; p += 4) {
                double r0 = re[p] + re[p + 1];
                double i0 = im[p] + im[p + 1];
                double r1 = re[p] - re[p + 1];
                double i1 = im[p] - im[p + 1];
                double r2 = re[p + 2] + re[p + 3];
                double i2 = im[p + 2] + im[p + 3];
                double r3 = re[p + 2] - re[p + 3];
                double i3 = im[p + 2] - im[p + 3];
                re[p] = r0 + r2;
                im[p] = i0 + i2;
                re[p + 2] = r0 - r2;
                im[p + 2] = i0 - i2;
                // (r3, i3) * -i = (i3, -r3)
                re[p + 1] = r1 + i3;
                im[p + 1] = i1 - r3;
                re[p + 3] = r1 - i3;
                im[p + 3] = i1 + r3;
            }
            size = 8;
        }
        for (; size <= half; size <<= 1) {
            int step = half / size;
            int h = size >> 1;
            for (int j = 0, t = 0; j < h; j++, t += step) {
                double wr = cos[t];
                double wi = sin[t];
                for (int p = j; p < half; p += size) {
                    int q = p + h;
                    double tr = wr * re[q] - wi * im[q];
                    double ti = wr * im[q] + wi * re[q];
                    re[q] = re[p] - tr;
                    im[q] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
            }
        }
    }
}
