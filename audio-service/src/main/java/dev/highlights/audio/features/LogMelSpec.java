package dev.highlights.audio.features;

/**
 * The log-mel analysis every part of the audio worker shares (Java features and the default ONNX
 * model): 16 kHz mono, 25 ms periodic-Hann windows (400 samples) every 10 ms (160 samples), a
 * 512-point FFT, 64 HTK mel bands from 125 Hz to 7.5 kHz, natural log of the mel power plus
 * {@value #LOG_EPS}.
 *
 * <p>Frames never straddle a second: second {@code s} has the {@value #FRAMES_PER_SECOND} frames
 * starting at {@code 0, 160, ..., 15520} samples into it, so a second's features depend only on
 * that second (plus the previous frame for flux), whichever way the media was cut into segments.
 */
public final class LogMelSpec {
    public static final int SAMPLE_RATE = 16_000;
    public static final int WINDOW = 400;
    public static final int HOP = 160;
    public static final int FFT_SIZE = 512;
    public static final int BINS = FFT_SIZE / 2 + 1;
    public static final int MEL_BANDS = 64;
    public static final double F_MIN_HZ = 125.0;
    public static final double F_MAX_HZ = 7500.0;
    public static final double LOG_EPS = 1e-6;
    public static final int FRAMES_PER_SECOND = (SAMPLE_RATE - WINDOW) / HOP + 1; // 98
    /** Mel bands centred at or above this count as the "high band" (screams, cheers, hits, noise). */
    public static final double HIGH_BAND_HZ = 2000.0;

    private static final MelFilterbank FILTERBANK =
            new MelFilterbank(MEL_BANDS, FFT_SIZE, SAMPLE_RATE, F_MIN_HZ, F_MAX_HZ);
    private static final float[] WINDOW_COEFFS = hann(WINDOW);

    private LogMelSpec() {
    }

    public static MelFilterbank filterbank() {
        return FILTERBANK;
    }

    /** Periodic Hann window: {@code 0.5 - 0.5 cos(2 pi n / N)}. */
    public static float[] window() {
        return WINDOW_COEFFS.clone();
    }

    static float[] windowShared() {
        return WINDOW_COEFFS;
    }

    static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }

    /** Frames that fit entirely in the first {@code validSamples} samples of a second. */
    public static int framesIn(int validSamples) {
        return validSamples < WINDOW ? 0 : Math.min(FRAMES_PER_SECOND, (validSamples - WINDOW) / HOP + 1);
    }

    /** 1 for mel bands centred at or above {@link #HIGH_BAND_HZ}, else 0. */
    public static boolean isHighBand(int band) {
        return FILTERBANK.centreHz(band) >= HIGH_BAND_HZ;
    }
}
