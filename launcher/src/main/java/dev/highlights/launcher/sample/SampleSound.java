package dev.highlights.launcher.sample;

import java.util.SplittableRandom;

/**
 * Synthesises the sample's mono audio in consecutive blocks, a pure function of the spec (one generator, used in
 * order). Levels, RMS in dBFS:
 * <ul>
 *   <li>calm: room tone (low-passed noise) with a 60/120 Hz hum, about -44</li>
 *   <li>quiet: the same at half the level, about -50</li>
 *   <li>static screen: near silence (noise at about -80)</li>
 *   <li>hype: sudden crowd cheering (band-passed noise swelling at 0.4 Hz plus claps) on top of the room tone, about
 *       -19: 25 dB above calm</li>
 *   <li>loud-and-busy decoy: a square-wave chord with a kick drum and gunshot-like bursts, about -20</li>
 * </ul>
 */
final class SampleSound {

    static final double ROOM_RMS = 0.0045;
    static final double CROWD_RMS = 0.07;
    private static final double[] ROOTS = {110, 98, 87.3, 130.8};
    private static final double[] RATIOS = {1, 1.26, 1.5};

    private final SampleSpec spec;
    private final int rate;
    private final SplittableRandom rnd;
    private long n; // next sample index
    // filter states
    private double room;
    private double bpFast;
    private double bpSlow;
    private double clap;
    private double shot;
    private double kick;
    private double kickPhase;

    SampleSound(SampleSpec spec, int sampleRate) {
        this.spec = spec;
        this.rate = sampleRate;
        this.rnd = new SplittableRandom(spec.seed() * 0x2545F4914F6CDD1DL + 0xA0D10L);
    }

    /** Fills {@code out[0..count)} with the next samples. */
    void next(float[] out, int count) {
        final double aRoom = 0.04;
        // white noise uniform in [-1,1): variance 1/3; one-pole low-pass keeps a/(2-a) of it
        final double roomGain = ROOM_RMS / Math.sqrt((1.0 / 3) * aRoom / (2 - aRoom));
        for (int i = 0; i < count; i++, n++) {
            double t = n / (double) rate;
            int sec = (int) (n / rate);
            PlantedMoment m = spec.momentAt(sec);
            MomentKind kind = m == null ? null : m.kind();
            double white = rnd.nextDouble() * 2 - 1;
            room += aRoom * (white - room);
            double hum = 0.0028 * Math.sin(2 * Math.PI * 60 * t) + 0.0014 * Math.sin(2 * Math.PI * 120 * t);
            double s;
            if (kind == MomentKind.DECOY_STATIC_SCREEN) {
                s = 0.0001 * white;
            } else if (kind == MomentKind.QUIET) {
                s = 0.5 * (room * roomGain + hum);
            } else {
                s = room * roomGain + hum;
            }
            if (kind == MomentKind.HYPE) {
                s += crowd(t - m.startSec(), white);
            } else if (kind == MomentKind.DECOY_LOUD_MOTION) {
                s += action(t - m.startSec(), white);
            }
            out[i] = (float) Math.max(-0.98, Math.min(0.98, s));
        }
    }

    /** Cheering: noise band-passed to roughly 300 Hz-5 kHz, swelling, with hand claps; starts at full level. */
    private double crowd(double local, double white) {
        bpFast += 0.5 * (white - bpFast);
        bpSlow += 0.04 * (white - bpSlow);
        double band = (bpFast - bpSlow) * 2.2; // about unit RMS
        double env = 1.0 + 0.3 * Math.sin(2 * Math.PI * 0.4 * local) + 0.15 * Math.sin(2 * Math.PI * 1.3 * local + 1);
        if (local < 0.6) {
            env *= 1.4; // the roar at the cut
        }
        if (rnd.nextDouble() < 25.0 / rate) {
            clap = 0.35 * (0.5 + rnd.nextDouble());
        }
        clap *= 0.9985;
        return CROWD_RMS * env * band + clap * white;
    }

    /** Music and gunfire: loud and busy, but nothing to cheer about. */
    private double action(double local, double white) {
        int chord = (int) (local / 2) % 4;
        double root = ROOTS[chord];
        double music = 0;
        for (double ratio : RATIOS) {
            music += Math.signum(Math.sin(2 * Math.PI * root * ratio * local)) * 0.035;
        }
        double beat = local % 0.5;
        if (beat < 1.0 / rate) {
            kick = 0.5;
            kickPhase = 0;
        }
        kick *= 0.9993;
        kickPhase += 2 * Math.PI * (50 + 80 * kick) / rate;
        double k = kick * Math.sin(kickPhase);
        if (rnd.nextDouble() < 2.0 / rate) {
            shot = 0.7;
        }
        shot *= 0.9990;
        return music + k + shot * white;
    }
}
