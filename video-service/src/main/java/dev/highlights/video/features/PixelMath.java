package dev.highlights.video.features;

import java.nio.ByteBuffer;

/**
 * Pure per-pixel arithmetic on small 8-bit frames: colour conversions that match OpenCV's
 * {@code cvtColor} bit for bit (so thresholds tuned with OpenCV or PySceneDetect carry over), and the
 * frame statistics the per-second features are made of. No state; one row buffer per frame.
 */
public final class PixelMath {
    /** OpenCV's (4.x) fixed-point shift for 8-bit BGR to grey. */
    static final int GREY_SHIFT = 15;
    /** BT.601 luma weights 0.114, 0.587, 0.299 scaled by 2^15 (sum 32768), as OpenCV 4.x uses them. */
    static final int B2Y = 3735;
    static final int G2Y = 19235;
    static final int R2Y = 9798;
    /** OpenCV's fixed-point shift for BGR to HSV. */
    static final int HSV_SHIFT = 12;
    /** 255 * 2^12 / v, rounded (OpenCV's {@code sdiv_table}). */
    private static final int[] SDIV = new int[256];
    /** 180 * 2^12 / (6 * diff), rounded (OpenCV's {@code hdiv_table180}). */
    private static final int[] HDIV = new int[256];

    static {
        for (int i = 1; i < 256; i++) {
            SDIV[i] = (int) Math.rint((255 << HSV_SHIFT) / (double) i);
            HDIV[i] = (int) Math.rint((180 << HSV_SHIFT) / (6.0 * i));
        }
    }

    private PixelMath() {
    }

    /**
     * Converts packed BGR pixels ({@code height} rows of {@code stride} bytes from absolute position 0 of
     * {@code bgr}) to grey and to HSV planes of {@code width * height} bytes, in one pass. Grey is
     * OpenCV's {@code COLOR_BGR2GRAY}; H (0..179), S and V (0..255) are OpenCV's 8-bit
     * {@code COLOR_BGR2HSV}.
     *
     * @return the sum of the grey values (for the mean brightness)
     */
    public static long bgrToGreyHsv(ByteBuffer bgr, int stride, int width, int height,
                                    byte[] grey, byte[] hue, byte[] sat, byte[] val) {
        // One bulk copy per row, then plain array reads instead of a bounds-checked off-heap read per byte.
        byte[] row = new byte[width * 3];
        long sum = 0;
        int o = 0;
        for (int y = 0; y < height; y++) {
            bgr.get(y * stride, row, 0, row.length);
            for (int p = 0; p < row.length; p += 3, o++) {
                int b = row[p] & 0xFF;
                int g = row[p + 1] & 0xFF;
                int r = row[p + 2] & 0xFF;
                int gy = (b * B2Y + g * G2Y + r * R2Y + (1 << (GREY_SHIFT - 1))) >> GREY_SHIFT;
                grey[o] = (byte) gy;
                sum += gy;
                int v = Math.max(b, Math.max(g, r));
                int vmin = Math.min(b, Math.min(g, r));
                int diff = v - vmin;
                int s = (diff * SDIV[v] + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
                int h;
                if (v == r) {
                    h = g - b;
                } else if (v == g) {
                    h = b - r + 2 * diff;
                } else {
                    h = r - g + 4 * diff;
                }
                h = (h * HDIV[diff] + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
                if (h < 0) {
                    h += 180;
                }
                hue[o] = (byte) h;
                sat[o] = (byte) s;
                val[o] = (byte) v;
            }
        }
        return sum;
    }

    /** OpenCV's {@code COLOR_BGR2GRAY} of one pixel. */
    public static int grey(int b, int g, int r) {
        return (b * B2Y + g * G2Y + r * R2Y + (1 << (GREY_SHIFT - 1))) >> GREY_SHIFT;
    }

    /** Mean of the first {@code n} unsigned bytes of {@code a}, 0..255. */
    public static double mean(byte[] a, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] & 0xFF;
        }
        return n == 0 ? 0 : (double) s / n;
    }

    /** Sum of |a[i] - b[i]| over the first {@code n} unsigned bytes. */
    public static long sumAbsDiff(byte[] a, byte[] b, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return s;
    }

    /** Mean absolute difference of two 8-bit planes, 0..255: the frame-difference motion measure. */
    public static double meanAbsDiff(byte[] a, byte[] b, int n) {
        return n == 0 ? 0 : (double) sumAbsDiff(a, b, n) / n;
    }

    /**
     * PySceneDetect's ContentDetector score between two frames: the mean absolute differences of the
     * H, S and V planes, averaged with equal weights, 0..255 (H spans 0..179). A hard cut scores above
     * about 27.
     */
    public static double hsvContentDiff(byte[] h1, byte[] s1, byte[] v1, byte[] h2, byte[] s2, byte[] v2, int n) {
        if (n == 0) {
            return 0;
        }
        long dh = sumAbsDiff(h1, h2, n);
        long ds = sumAbsDiff(s1, s2, n);
        long dv = sumAbsDiff(v1, v2, n);
        return ((double) dh / n + (double) ds / n + (double) dv / n) / 3.0;
    }
}
