package dev.highlights.audio.features;

/**
 * Computes {@link SecondFeatures} second after second, carrying state across seconds (the 5-second
 * energy window, the previous log-mel frame), so pre-roll seconds fed first make the first emitted
 * second identical to what a decode of the whole media gives.
 *
 * <p>Input: one second of 16 kHz mono samples ({@link LogMelSpec}); {@code validSamples} below the
 * rate marks the media's last, partial second (levels over the valid samples, log-mel over the frames
 * that fit). Not thread-safe: one per segment.
 */
public final class AudioFeatureExtractor {
    /** Seconds in the reference detector's energy window. */
    public static final int ENERGY_WINDOW_SECONDS = 5;

    private final RealFft fft = new RealFft(LogMelSpec.FFT_SIZE);
    private final MelFilterbank mel = LogMelSpec.filterbank();
    private final float[] window = LogMelSpec.windowShared();
    private final double[] power = new double[LogMelSpec.BINS];
    private final double[] melPower = new double[LogMelSpec.MEL_BANDS];
    private final boolean[] high = new boolean[LogMelSpec.MEL_BANDS];
    private double[] logMel = new double[LogMelSpec.MEL_BANDS];
    private double[] prevLogMel = new double[LogMelSpec.MEL_BANDS];
    private boolean hasPrev;

    private final double[] energySum = new double[ENERGY_WINDOW_SECONDS];
    private final long[] energyCount = new long[ENERGY_WINDOW_SECONDS];
    private long secondsSeen;

    public AudioFeatureExtractor() {
        for (int b = 0; b < high.length; b++) {
            high[b] = LogMelSpec.isHighBand(b);
        }
    }

    /** Features of the next second; {@code samples.length} must be at least the sample rate. */
    public SecondFeatures process(float[] samples, int validSamples) {
        int n = Math.min(validSamples, LogMelSpec.SAMPLE_RATE);
        double sumSq = Levels.sumOfSquares(samples, n);
        double rms = n == 0 ? 0 : Math.sqrt(sumSq / n);
        double peak = Levels.peak(samples, n);

        int slot = (int) (secondsSeen % ENERGY_WINDOW_SECONDS);
        energySum[slot] = sumSq;
        energyCount[slot] = n;
        secondsSeen++;
        double windowSum = 0;
        long windowCount = 0;
        for (int i = 0; i < ENERGY_WINDOW_SECONDS; i++) {
            windowSum += energySum[i];
            windowCount += energyCount[i];
        }
        double energy5s = windowCount == 0 ? 0 : Math.sqrt(windowSum / windowCount);

        int frames = LogMelSpec.framesIn(n);
        double sum = 0;
        double sumSqMel = 0;
        double flux = 0;
        int fluxFrames = 0;
        double highPower = 0;
        double totalPower = 0;
        for (int f = 0; f < frames; f++) {
            fft.powerSpectrum(samples, f * LogMelSpec.HOP, LogMelSpec.WINDOW, window, power);
            mel.apply(power, melPower);
            double frameFlux = 0;
            for (int b = 0; b < LogMelSpec.MEL_BANDS; b++) {
                double p = melPower[b];
                totalPower += p;
                if (high[b]) {
                    highPower += p;
                }
                double l = Math.log(p + LogMelSpec.LOG_EPS);
                logMel[b] = l;
                sum += l;
                sumSqMel += l * l;
                if (hasPrev) {
                    double d = l - prevLogMel[b];
                    if (d > 0) {
                        frameFlux += d;
                    }
                }
            }
            if (hasPrev) {
                flux += frameFlux / LogMelSpec.MEL_BANDS;
                fluxFrames++;
            }
            double[] t = prevLogMel;
            prevLogMel = logMel;
            logMel = t;
            hasPrev = true;
        }
        double mean;
        double std;
        if (frames == 0) {
            mean = Math.log(LogMelSpec.LOG_EPS);
            std = 0;
        } else {
            long count = (long) frames * LogMelSpec.MEL_BANDS;
            mean = sum / count;
            std = Math.sqrt(Math.max(0, sumSqMel / count - mean * mean));
        }
        return new SecondFeatures(
                Levels.dbfs(rms),
                Levels.dbfs(peak),
                energy5s,
                fluxFrames == 0 ? 0 : flux / fluxFrames,
                mean,
                std,
                totalPower > 0 ? highPower / totalPower : 0);
    }

    /** Seconds processed so far (warm-up included). */
    public long secondsSeen() {
        return secondsSeen;
    }
}
