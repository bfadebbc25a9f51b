package dev.highlights.audio.features;

/**
 * Hand-made audio features of one media second (16 kHz mono).
 *
 * @param rmsDbfs      RMS level in dBFS, -120 for silence
 * @param peakDbfs     sample peak in dBFS, -120 for silence
 * @param energy5s     linear RMS over the 5 s ending with this second (the reference detector's
 *                     energy, 1 s hop); fewer seconds at the very start of a decode
 * @param spectralFlux onset strength: mean over frames of the mean over mel bands of the positive
 *                     log-mel increase from the previous frame (the previous second's last frame for
 *                     the first one)
 * @param logMelMean   mean log-mel energy (natural log) over frames and bands
 * @param logMelStd    standard deviation of the log-mel energies over frames and bands
 * @param highBandShare share of the mel power in bands centred at or above 2 kHz, 0..1
 */
public record SecondFeatures(double rmsDbfs, double peakDbfs, double energy5s, double spectralFlux,
                             double logMelMean, double logMelStd, double highBandShare) {
}
