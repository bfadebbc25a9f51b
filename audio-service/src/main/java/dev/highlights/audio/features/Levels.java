package dev.highlights.audio.features;

/** Level arithmetic in dBFS (full scale = 1.0). */
public final class Levels {
    /** Floor for silence and anything quieter. */
    public static final double FLOOR_DBFS = -120.0;

    private Levels() {
    }

    /** {@code 20 log10(linear)}, floored at {@link #FLOOR_DBFS} (0 and below give the floor). */
    public static double dbfs(double linear) {
        if (!(linear > 0)) {
            return FLOOR_DBFS;
        }
        return Math.max(FLOOR_DBFS, 20.0 * Math.log10(linear));
    }

    /** Sum of squares of {@code x[0..n)}. */
    public static double sumOfSquares(float[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
        }
        if (i < n) {
            s0 += (double) x[i] * x[i];
        }
        return s0 + s1;
    }

    /** Largest absolute sample of {@code x[0..n)}. */
    public static double peak(float[] x, int n) {
        float p = 0;
        for (int i = 0; i < n; i++) {
            float a = Math.abs(x[i]);
            if (a > p) {
                p = a;
            }
        }
        return p;
    }
}
