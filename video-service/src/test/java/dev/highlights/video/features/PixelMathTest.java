package dev.highlights.video.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PixelMathTest {

    /** Plain floating-point HSV as OpenCV documents it for 8-bit images: H = deg/2, S = 255*(V-min)/V. */
    static int[] referenceHsv(int b, int g, int r) {
        double v = Math.max(b, Math.max(g, r));
        double min = Math.min(b, Math.min(g, r));
        double s = v == 0 ? 0 : 255.0 * (v - min) / v;
        double h;
        if (v == min) {
            h = 0;
        } else if (v == r) {
            h = 60.0 * (g - b) / (v - min);
        } else if (v == g) {
            h = 120.0 + 60.0 * (b - r) / (v - min);
        } else {
            h = 240.0 + 60.0 * (r - g) / (v - min);
        }
        if (h < 0) {
            h += 360;
        }
        return new int[] {(int) Math.round(h / 2), (int) Math.round(s), (int) v};
    }

    private static ByteBuffer buffer(byte[] packed) {
        ByteBuffer b = ByteBuffer.allocateDirect(packed.length);
        b.put(0, packed);
        return b;
    }

    @Test
    void greyAndHsvMatchThePlainFormulasWithinRounding() {
        Random rnd = new Random(1);
        int n = 20_000;
        byte[] bgr = new byte[n * 3];
        rnd.nextBytes(bgr);
        // Corner cases: greys, primaries, black, white.
        int[][] special = {{0, 0, 0}, {255, 255, 255}, {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {128, 128, 128},
            {255, 0, 255}, {1, 0, 0}, {0, 1, 1}};
        for (int i = 0; i < special.length; i++) {
            for (int c = 0; c < 3; c++) {
                bgr[i * 3 + c] = (byte) special[i][c];
            }
        }
        byte[] grey = new byte[n];
        byte[] h = new byte[n];
        byte[] s = new byte[n];
        byte[] v = new byte[n];
        long sum = PixelMath.bgrToGreyHsv(buffer(bgr), n * 3, n, 1, grey, h, s, v);
        long expectedSum = 0;
        for (int i = 0; i < n; i++) {
            int b = bgr[3 * i] & 0xFF;
            int g = bgr[3 * i + 1] & 0xFF;
            int r = bgr[3 * i + 2] & 0xFF;
            double y = 0.114 * b + 0.587 * g + 0.299 * r;
            assertThat((double) (grey[i] & 0xFF)).as("grey of %d,%d,%d", b, g, r).isCloseTo(y, within(0.51));
            expectedSum += grey[i] & 0xFF;
            int[] ref = referenceHsv(b, g, r);
            int hh = h[i] & 0xFF;
            int dh = Math.min(Math.abs(hh - ref[0]), 180 - Math.abs(hh - ref[0]));
            assertThat(dh).as("hue of %d,%d,%d", b, g, r).isLessThanOrEqualTo(1);
            assertThat(hh).isBetween(0, 180);
            assertThat(Math.abs((s[i] & 0xFF) - ref[1])).as("sat of %d,%d,%d", b, g, r).isLessThanOrEqualTo(1);
            assertThat(v[i] & 0xFF).isEqualTo(ref[2]);
        }
        assertThat(sum).isEqualTo(expectedSum);
    }

    @Test
    void greyAndHsvAreBitExactWithOpenCv() {
        Random rnd = new Random(2);
        int w = 160;
        int hgt = 90;
        byte[] bgr = new byte[w * hgt * 3];
        rnd.nextBytes(bgr);
        int n = w * hgt;
        byte[] grey = new byte[n];
        byte[] h = new byte[n];
        byte[] s = new byte[n];
        byte[] v = new byte[n];
        PixelMath.bgrToGreyHsv(buffer(bgr), w * 3, w, hgt, grey, h, s, v);
        try (Mat src = new Mat(hgt, w, opencv_core.CV_8UC3); Mat g = new Mat(); Mat hsv = new Mat()) {
            src.data().put(bgr);
            opencv_imgproc.cvtColor(src, g, opencv_imgproc.COLOR_BGR2GRAY);
            opencv_imgproc.cvtColor(src, hsv, opencv_imgproc.COLOR_BGR2HSV);
            byte[] cvGrey = new byte[n];
            byte[] cvHsv = new byte[n * 3];
            g.data().get(cvGrey);
            hsv.data().get(cvHsv);
            assertThat(grey).isEqualTo(cvGrey);
            for (int i = 0; i < n; i++) {
                assertThat(new int[] {h[i] & 0xFF, s[i] & 0xFF, v[i] & 0xFF})
                        .as("pixel %d", i)
                        .containsExactly(cvHsv[3 * i] & 0xFF, cvHsv[3 * i + 1] & 0xFF, cvHsv[3 * i + 2] & 0xFF);
            }
        }
    }

    @Test
    void paddedRowsAreSkipped() {
        int w = 3;
        int hgt = 2;
        int stride = 16;
        byte[] packed = new byte[stride * hgt];
        java.util.Arrays.fill(packed, (byte) 0x7F); // padding would change the result if read
        for (int y = 0; y < hgt; y++) {
            for (int x = 0; x < w * 3; x++) {
                packed[y * stride + x] = (byte) 200;
            }
        }
        byte[] grey = new byte[w * hgt];
        byte[] h = new byte[w * hgt];
        byte[] s = new byte[w * hgt];
        byte[] v = new byte[w * hgt];
        long sum = PixelMath.bgrToGreyHsv(buffer(packed), stride, w, hgt, grey, h, s, v);
        assertThat(sum).isEqualTo(200L * w * hgt);
    }

    @Test
    void meanAbsDiffAndMeanMatchPlainLoops() {
        Random rnd = new Random(3);
        byte[] a = new byte[5000];
        byte[] b = new byte[5000];
        rnd.nextBytes(a);
        rnd.nextBytes(b);
        double diff = 0;
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(Byte.toUnsignedInt(a[i]) - Byte.toUnsignedInt(b[i]));
            mean += Byte.toUnsignedInt(a[i]);
        }
        assertThat(PixelMath.meanAbsDiff(a, b, a.length)).isCloseTo(diff / a.length, within(1e-9));
        assertThat(PixelMath.mean(a, a.length)).isCloseTo(mean / a.length, within(1e-9));
        assertThat(PixelMath.meanAbsDiff(a, a, a.length)).isZero();
        byte[] black = new byte[100];
        byte[] white = new byte[100];
        java.util.Arrays.fill(white, (byte) 255);
        assertThat(PixelMath.meanAbsDiff(black, white, 100)).isEqualTo(255.0);
    }

    @Test
    void hsvContentDiffIsTheAverageOfTheChannelDifferences() {
        Random rnd = new Random(4);
        int n = 3000;
        byte[][] p = new byte[6][n];
        for (byte[] x : p) {
            rnd.nextBytes(x);
        }
        double dh = 0;
        double ds = 0;
        double dv = 0;
        for (int i = 0; i < n; i++) {
            dh += Math.abs(Byte.toUnsignedInt(p[0][i]) - Byte.toUnsignedInt(p[3][i]));
            ds += Math.abs(Byte.toUnsignedInt(p[1][i]) - Byte.toUnsignedInt(p[4][i]));
            dv += Math.abs(Byte.toUnsignedInt(p[2][i]) - Byte.toUnsignedInt(p[5][i]));
        }
        double expected = (dh / n + ds / n + dv / n) / 3;
        assertThat(PixelMath.hsvContentDiff(p[0], p[1], p[2], p[3], p[4], p[5], n)).isCloseTo(expected, within(1e-9));
        // Red to blue, full saturation and value: only the hue changes, by 120 of 180.
        byte[] red = {0};
        byte[] blue = {120};
        byte[] full = {(byte) 255};
        assertThat(PixelMath.hsvContentDiff(red, full, full, blue, full, full, 1)).isCloseTo(40.0, within(1e-9));
    }
}
