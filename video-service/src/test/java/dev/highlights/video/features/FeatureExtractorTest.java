package dev.highlights.video.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.worker.media.TestFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {
    static final int W = 32;
    static final int H = 18;
    static final int K = 4;

    /** Plain reference planes of a packed BGR frame: grey (BT.601, rounded) and HSV (floating point). */
    static double[][] planes(byte[] bgr) {
        int n = W * H;
        double[][] p = new double[4][n];
        for (int i = 0; i < n; i++) {
            int b = bgr[3 * i] & 0xFF;
            int g = bgr[3 * i + 1] & 0xFF;
            int r = bgr[3 * i + 2] & 0xFF;
            p[0][i] = Math.round(0.114 * b + 0.587 * g + 0.299 * r);
            int[] hsv = PixelMathTest.referenceHsv(b, g, r);
            p[1][i] = hsv[0] % 180;
            p[2][i] = hsv[1];
            p[3][i] = hsv[2];
        }
        return p;
    }

    static double mad(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Random frames whose pixels are drawn around a per-frame level, so differences vary by frame. */
    static byte[] frame(Random rnd, int level, int spread) {
        byte[] f = new byte[W * H * 3];
        for (int i = 0; i < f.length; i++) {
            f[i] = (byte) Math.max(0, Math.min(255, level + rnd.nextInt(2 * spread + 1) - spread));
        }
        return f;
    }

    @Test
    void perSecondFeaturesMatchPlainReferenceComputations() {
        Random rnd = new Random(7);
        int seconds = 3;
        byte[][] frames = new byte[seconds * K][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(rnd, 40 + 15 * i, 10 + 3 * i);
        }
        frames[6] = frames[5]; // second 1, slot 2 repeats slot 1 (no new picture)
        FeatureExtractor fx = new FeatureExtractor(W, H, 27);
        List<SecondFeatures> out = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            long s = i / K;
            if (fx.hasOpenSecond() && fx.openSecond() != s) {
                out.add(fx.closeSecond());
            }
            boolean repeated = i == 6;
            fx.add(TestFrames.bgr(W, H, W * 3, K, s, i % K, repeated, frames[i]));
        }
        out.add(fx.closeSecond());
        assertThat(out).hasSize(seconds);

        double prevBrightness = Double.NaN;
        for (int s = 0; s < seconds; s++) {
            double motion = 0;
            double cut = 0;
            double brightness = 0;
            int pairs = 0;
            for (int j = 0; j < K; j++) {
                int i = s * K + j;
                double[][] cur = planes(frames[i]);
                brightness += mean(cur[0]);
                if (i > 0) {
                    double[][] prev = planes(frames[i - 1]);
                    motion += mad(prev[0], cur[0]);
                    double c = (mad(prev[1], cur[1]) + mad(prev[2], cur[2]) + mad(prev[3], cur[3])) / 3;
                    cut = Math.max(cut, c);
                    pairs++;
                }
            }
            brightness /= K;
            SecondFeatures f = out.get(s);
            assertThat(f.second()).isEqualTo(s);
            assertThat(f.frames()).isEqualTo(K);
            assertThat(f.motionPairs()).isEqualTo(pairs);
            assertThat(f.motion()).as("motion of %d", s).isCloseTo(motion / pairs, within(0.02));
            assertThat(f.brightness()).as("brightness of %d", s).isCloseTo(brightness, within(0.02));
            assertThat(f.brightnessDelta()).isCloseTo(s == 0 ? 0 : brightness - prevBrightness, within(0.04));
            assertThat(f.sceneCutScore()).as("cut score of %d", s).isCloseTo(cut, within(0.05));
            assertThat(f.sceneCut()).isEqualTo(f.sceneCutScore() >= 27);
            prevBrightness = brightness;
        }
        assertThat(out.get(0).motionPairs()).isEqualTo(K - 1); // nothing before the first sample
        assertThat(out.get(1).motionPairs()).isEqualTo(K);     // reaches back to second 0's last sample
    }

    @Test
    void solidColourChangesGiveExactMotionAndCuts() {
        FeatureExtractor fx = new FeatureExtractor(W, H, 27);
        byte[] grey100 = solid(100, 100, 100);
        byte[] grey110 = solid(110, 110, 110);
        byte[] red = solid(0, 0, 255);
        byte[] blue = solid(255, 0, 0);
        add(fx, 0, 0, grey100);
        add(fx, 0, 1, grey110);
        add(fx, 0, 2, grey100);
        add(fx, 0, 3, grey100);
        SecondFeatures a = fx.closeSecond();
        assertThat(a.motion()).isCloseTo((10 + 10 + 0) / 3.0, within(1e-9));
        assertThat(a.brightness()).isCloseTo(102.5, within(1e-9));
        assertThat(a.sceneCut()).isFalse();
        assertThat(a.sceneCutScore()).isCloseTo(10 / 3.0, within(1e-9)); // only V changes
        add(fx, 1, 0, red);
        add(fx, 1, 1, red);
        add(fx, 1, 2, blue);
        add(fx, 1, 3, blue);
        SecondFeatures b = fx.closeSecond();
        // grey 100 -> red: S 0 -> 255, V 100 -> 255, H 0 -> 0: (0 + 255 + 155) / 3
        // red -> blue: H 0 -> 120 only: 40
        assertThat(b.sceneCutScore()).isCloseTo((255 + 155) / 3.0, within(1e-9));
        assertThat(b.sceneCut()).isTrue();
        assertThat(b.brightnessDelta()).isCloseTo(b.brightness() - 102.5, within(1e-9));
        // A second that does not follow the previous one has no brightness delta.
        add(fx, 5, 0, grey100);
        assertThat(fx.closeSecond().brightnessDelta()).isZero();
    }

    @Test
    void rejectsSamplesOfAnotherSecond() {
        FeatureExtractor fx = new FeatureExtractor(W, H, 27);
        add(fx, 0, 0, solid(1, 2, 3));
        assertThatThrownBy(() -> add(fx, 1, 0, solid(1, 2, 3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FeatureExtractor(W, H, 27).closeSecond())
                .isInstanceOf(IllegalStateException.class);
    }

    static byte[] solid(int b, int g, int r) {
        byte[] f = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            f[3 * i] = (byte) b;
            f[3 * i + 1] = (byte) g;
            f[3 * i + 2] = (byte) r;
        }
        return f;
    }

    static void add(FeatureExtractor fx, long second, int slot, byte[] bgr) {
        fx.add(TestFrames.bgr(W, H, K, second, slot, bgr));
    }
}
