package dev.highlights.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

    /** Plain DFT power of x (zero-padded to n), windowed. */
    static double[] naivePower(float[] x, int off, int len, float[] w, int n) {
        double[] p = new double[n / 2 + 1];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / n);
            sin[i] = Math.sin(-2 * Math.PI * i / n);
        }
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < len; t++) {
                double v = x[off + t] * (w == null ? 1.0 : w[t]);
                int a = (int) ((long) k * t % n); // angle -2 pi k t / n, exactly reduced
                re += v * cos[a];
                im += v * sin[a];
            }
            p[k] = re * re + im * im;
        }
        return p;
    }

    @Test
    void matchesAPlainDftOnRandomFrames() {
        Random rnd = new Random(7);
        for (int n : new int[] {4, 8, 64, 512}) {
            RealFft fft = new RealFft(n);
            for (int trial = 0; trial < 5; trial++) {
                int len = n == 512 ? 400 : n;
                float[] x = new float[len + 10];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                float[] w = n == 512 ? LogMelSpec.window() : null;
                double[] got = new double[fft.bins()];
                fft.powerSpectrum(x, 3, len, w, got);
                double[] want = naivePower(x, 3, len, w, n);
                double meanPower = java.util.Arrays.stream(want).average().orElse(0);
                // the FFT windows in float (as the features do), the reference in double
                for (int k = 0; k < want.length; k++) {
                    assertThat(got[k]).as("n=%d bin %d", n, k).isCloseTo(want[k], within(1e-6 * (want[k] + meanPower)));
                }
            }
        }
    }

    @Test
    void aSineLandsInItsBin() {
        RealFft fft = new RealFft(512);
        float[] x = new float[512];
        for (int i = 0; i < 512; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * 32 * i / 512.0);
        }
        double[] p = new double[257];
        fft.powerSpectrum(x, 0, 512, null, p);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        assertThat(best).isEqualTo(32);
        assertThat(p[32]).isCloseTo(256.0 * 256.0, within(1e-6 * 256.0 * 256.0));
    }
}
