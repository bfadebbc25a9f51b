package dev.highlights.video.features;

/**
 * The frame features of one media second, from its K samples (see {@link FeatureExtractor}).
 *
 * @param second          media second
 * @param frames          samples in the second (K except at the very start or end of the media)
 * @param motion          mean absolute grey difference between consecutive samples, 0..255, averaged
 *                        over the pairs whose later sample lies in this second (the first pair reaches
 *                        back to the previous second's last sample)
 * @param motionPairs     how many pairs {@code motion} averages (0: no pair, motion 0)
 * @param brightness      mean grey level of the samples, 0..255
 * @param brightnessDelta brightness minus the previous second's, or 0 when that second has no samples
 * @param sceneCutScore   largest HSV content difference of the pairs, 0..255
 * @param sceneCut        {@code sceneCutScore >= threshold}
 */
public record SecondFeatures(long second, int frames, double motion, int motionPairs, double brightness,
                              double brightnessDelta, double sceneCutScore, boolean sceneCut) {
}
