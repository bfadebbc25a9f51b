package dev.highlights.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The features against plain, slow reference computations on random signals. */
class AudioFeatureExtractorTest {
    static final int SR = 16000;

    static float[] noise(Random rnd, double amp) {
        float[] x = new float[SR];
        for (int i = 0; i < SR; i++) {
            x[i] = (float) (amp * rnd.nextGaussian());
        }
        return x;
    }

    /** Reference log-mel frames of one second: plain DFT, plain triangles, plain log. */
    static double[][] referenceLogMel(float[] x, int valid) {
        int frames = valid < 400 ? 0 : Math.min(98, (valid - 400) / 160 + 1);
        double[][] out = new double[frames][64];
        float[] w = new float[400];
        for (int i = 0; i < 400; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / 400));
        }
        MelFilterbank mel = LogMelSpec.filterbank();
        for (int f = 0; f < frames; f++) {
            double[] p = RealFftTest.naivePower(x, f * 160, 400, w, 512);
            for (int b = 0; b < 64; b++) {
                double s = 0;
                for (int k = 0; k < 257; k++) {
                    s += mel.weight(b, k) * p[k];
                }
                out[f][b] = Math.log(s + 1e-6);
            }
        }
        return out;
    }

    @Test
    void levelsEnergyAndLogMelStatisticsMatchPlainReferences() {
        Random rnd = new Random(11);
        double[] amps = {0.02, 0.3, 0.0, 0.05, 0.5, 0.01, 0.2};
        List<float[]> seconds = new ArrayList<>();
        for (double a : amps) {
            seconds.add(noise(rnd, a));
        }
        seconds.get(3)[1234] = 0.9f; // a peak
        AudioFeatureExtractor fx = new AudioFeatureExtractor();
        double[] prevFrame = null;
        for (int s = 0; s < seconds.size(); s++) {
            float[] x = seconds.get(s);
            SecondFeatures f = fx.process(x, SR);

            double sumSq = 0;
            double peak = 0;
            for (float v : x) {
                sumSq += (double) v * v;
                peak = Math.max(peak, Math.abs(v));
            }
            double rms = Math.sqrt(sumSq / SR);
            assertThat(f.rmsDbfs()).isCloseTo(rms == 0 ? -120 : 20 * Math.log10(rms), within(1e-9));
            assertThat(f.peakDbfs()).isCloseTo(peak == 0 ? -120 : 20 * Math.log10(peak), within(1e-9));

            // energy5s: linear RMS over the (up to) 5 seconds ending with this one
            double e = 0;
            long n = 0;
            for (int j = Math.max(0, s - 4); j <= s; j++) {
                for (float v : seconds.get(j)) {
                    e += (double) v * v;
                }
                n += SR;
            }
            assertThat(f.energy5s()).isCloseTo(Math.sqrt(e / n), within(1e-9));

            double[][] lm = referenceLogMel(x, SR);
            double sum = 0;
            double sq = 0;
            for (double[] fr : lm) {
                for (double v : fr) {
                    sum += v;
                    sq += v * v;
                }
            }
            int count = lm.length * 64;
            double mean = sum / count;
            double std = Math.sqrt(Math.max(0, sq / count - mean * mean));
            assertThat(f.logMelMean()).isCloseTo(mean, within(1e-6));
            assertThat(f.logMelStd()).isCloseTo(std, within(1e-6));

            // flux: mean over frames (the previous second's last frame before the first) of the mean
            // positive increase over bands
            double flux = 0;
            int pairs = 0;
            double[] prev = prevFrame;
            for (double[] fr : lm) {
                if (prev != null) {
                    double d = 0;
                    for (int b = 0; b < 64; b++) {
                        d += Math.max(0, fr[b] - prev[b]);
                    }
                    flux += d / 64;
                    pairs++;
                }
                prev = fr;
            }
            assertThat(f.spectralFlux()).isCloseTo(pairs == 0 ? 0 : flux / pairs, within(1e-6));
            prevFrame = lm[lm.length - 1];
        }
    }

    @Test
    void silenceIsFlooredAndPartialSecondsUseTheirValidSamples() {
        AudioFeatureExtractor fx = new AudioFeatureExtractor();
        SecondFeatures silent = fx.process(new float[SR], SR);
        assertThat(silent.rmsDbfs()).isEqualTo(-120.0);
        assertThat(silent.peakDbfs()).isEqualTo(-120.0);
        assertThat(silent.energy5s()).isZero();
        assertThat(silent.spectralFlux()).isZero();
        assertThat(silent.logMelMean()).isCloseTo(Math.log(1e-6), within(1e-9));
        assertThat(silent.logMelStd()).isCloseTo(0.0, within(1e-6));

        float[] x = new float[SR];
        for (int i = 0; i < 4000; i++) {
            x[i] = 0.5f * (i % 2 == 0 ? 1 : -1);
        }
        SecondFeatures partial = fx.process(x, 4000);
        assertThat(partial.rmsDbfs()).isCloseTo(20 * Math.log10(0.5), within(1e-9));
        // energy over the 5 s window counts real samples only: 4000 at 0.25 power, 16000 at 0
        assertThat(partial.energy5s()).isCloseTo(Math.sqrt(4000 * 0.25 / 20000), within(1e-9));
        assertThat(fx.secondsSeen()).isEqualTo(2);
    }

    @Test
    void levelsHelpers() {
        assertThat(Levels.dbfs(1.0)).isZero();
        assertThat(Levels.dbfs(0.1)).isCloseTo(-20.0, within(1e-12));
        assertThat(Levels.dbfs(1e-9)).isEqualTo(-120.0);
        assertThat(Levels.dbfs(-1)).isEqualTo(-120.0);
        assertThat(Levels.sumOfSquares(new float[] {1, 2, 3}, 3)).isEqualTo(14.0);
        assertThat(Levels.peak(new float[] {0.1f, -0.7f, 0.3f}, 3)).isCloseTo(0.7, within(1e-7));
    }

    @Test
    void melFilterbankIsSane() {
        MelFilterbank mel = LogMelSpec.filterbank();
        assertThat(mel.bands()).isEqualTo(64);
        assertThat(mel.bins()).isEqualTo(257);
        double prev = 0;
        for (int b = 0; b < 64; b++) {
            assertThat(mel.centreHz(b)).isGreaterThan(prev).isBetween(125.0, 7500.0);
            prev = mel.centreHz(b);
            double peak = 0;
            for (int k = 0; k < 257; k++) {
                peak = Math.max(peak, mel.weight(b, k));
            }
            assertThat(peak).isBetween(0.3, 1.0);
        }
        assertThat(LogMelSpec.FRAMES_PER_SECOND).isEqualTo(98);
        assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(1234.5))).isCloseTo(1234.5, within(1e-9));
    }
}
