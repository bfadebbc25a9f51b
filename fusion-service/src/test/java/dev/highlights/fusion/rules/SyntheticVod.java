package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import java.util.Random;

/**
 * A deterministic synthetic VOD of per-second features, for tests, oracle comparisons and microbenchmarks: stationary
 * noise (chat about 5 msg/s, audio RMS energy, brightness, motion) with "events" every 90-270 s where the media gets
 * louder and busier for 6-25 s and, {@code chatLagSec} later, chat bursts (60-90 msg/s), plus a short chat-only burst
 * after each event that is too short to count. A scene cut lies three or four seconds before each event (one or two
 * before the highlight's smoothed start).
 *
 * @param chatPoints reference chat points of {@code chatCounts} (whole-VOD rule), what a chat service would send
 * @param events     start second of each media event (chat follows at + chatLagSec)
 * @param lengths    length in seconds of each media event
 */
public record SyntheticVod(int[] chatCounts, double[] chatPoints, double[] audioEnergy, double[] brightness,
                           double[] motion, boolean[] staticScreen, boolean[] sceneCut, int[] events,
                           int[] lengths) {

    public int seconds() {
        return chatCounts.length;
    }

    /** A stationary VOD with events starting after {@code quietStartSec}; no static screens. */
    public static SyntheticVod generate(long seed, int seconds, int chatLagSec, int quietStartSec) {
        Random rnd = new Random(seed);
        int[] chat = new int[seconds];
        double[] audio = new double[seconds];
        double[] bright = new double[seconds];
        double[] motion = new double[seconds];
        boolean[] cut = new boolean[seconds];
        for (int s = 0; s < seconds; s++) {
            chat[s] = Math.max(0, (int) Math.round(5 + 2 * rnd.nextGaussian()));
            audio[s] = 0.10 + 0.01 * rnd.nextGaussian();
            bright[s] = 110 + 3 * rnd.nextGaussian();
            motion[s] = 8 + 1.5 * rnd.nextGaussian();
        }
        int[] events = new int[seconds / 60 + 1];
        int[] lengths = new int[events.length];
        int count = 0;
        for (int t = quietStartSec + 30 + rnd.nextInt(60); t + 80 + chatLagSec < seconds; t += 90 + rnd.nextInt(180)) {
            int len = 6 + rnd.nextInt(20);
            for (int s = t; s < t + len; s++) {
                audio[s] += 0.06 + 0.01 * rnd.nextGaussian();
                motion[s] += 10 + 2 * rnd.nextGaussian();
            }
            for (int s = t + chatLagSec; s < t + chatLagSec + len; s++) chat[s] = 60 + rnd.nextInt(30);
            cut[t - 3 - rnd.nextInt(2)] = true;
            lengths[count] = len;
            events[count++] = t;
            // A short chat-only burst between events: never long enough to become a highlight.
            int b = t + len + chatLagSec + 25 + rnd.nextInt(10);
            if (b + 4 < seconds) for (int s = b; s < b + 3; s++) chat[s] = 60 + rnd.nextInt(30);
        }
        double[] points = new ReferenceDetector(FusionServiceConfig.shippedRules()).chatPoints(chat);
        return new SyntheticVod(chat, points, audio, bright, motion, new boolean[seconds], cut,
                java.util.Arrays.copyOf(events, count), java.util.Arrays.copyOf(lengths, count));
    }

    /** The same VOD with the given seconds [from, to) marked as a static screen. */
    public SyntheticVod withStatic(int from, int to) {
        boolean[] st = staticScreen.clone();
        for (int s = from; s < to; s++) st[s] = true;
        return new SyntheticVod(chatCounts, chatPoints, audioEnergy, brightness, motion, st, sceneCut, events, lengths);
    }
}
