package dev.highlights.samples;

import java.util.SplittableRandom;

/**
 * Synthesises the sample's mono audio in consecutive blocks, a pure function of the spec (one generator, used in
 * order). Levels, RMS in dBFS:
 * <ul>
 *   <li>calm: room tone (low-passed noise) with a 60/120 Hz hum, about -44</li>
 *   <li>quiet: the same at half the level, about -50; hushed (a tense clutch): 0.6 of it</li>
 *   <li>static screen: near silence (noise at about -80)</li>
 *   <li>hype: sudden crowd cheering (band-passed noise swelling at 0.4 Hz plus claps) on top of the room tone, about
 *       -19: 25 dB above calm</li>
 *   <li>loud-and-busy decoy: a square-wave chord with a kick drum and gunshot-like bursts, about -20</li>
 *   <li>loud voices, about -20 to -24: two people laughing and talking (a funny conversation), the streamer talking
 *       loudly (greeting a raid, announcing a giveaway), shouting with desk slams (rage), a chime then a monotone
 *       synthetic voice (a donation alert's text to speech); voices are harmonic series shaped by two vowel
 *       formants, gated into syllables</li>
 *   <li>an in-game stadium crowd: steady band noise with a chant and a rumble, about -22</li>
 * </ul>
 */
final class SampleSound {

    static final double ROOM_RMS = 0.0045;
    static final double CROWD_RMS = 0.07;
    private static final double[] ROOTS = {110, 98, 87.3, 130.8};
    private static final double[] RATIOS = {1, 1.26, 1.5};
    /** First and second formant of the vowels a, e, i, o, u, Hz. */
    private static final double[][] VOWELS = {{800, 1200}, {500, 1900}, {300, 2300}, {500, 900}, {350, 800}};

    private final SampleSpec spec;
    private final int rate;
    private final SplittableRandom rnd;
    private final PlantedMoment[] momentAt;
    private long n; // next sample index
    // filter states
    private double room;
    private double bpFast;
    private double bpSlow;
    private double clap;
    private double shot;
    private double kick;
    private double kickPhase;
    // the voices and noises of the evaluation kinds, reset at each moment
    private PlantedMoment current;
    private SplittableRandom momentRnd;
    private Voice first;
    private Voice second;
    private double slam;
    private double slamPhase;
    private double rumble;

    SampleSound(SampleSpec spec, int sampleRate) {
        this.spec = spec;
        this.rate = sampleRate;
        this.rnd = new SplittableRandom(spec.seed() * 0x2545F4914F6CDD1DL + 0xA0D10L);
        this.momentAt = spec.momentsBySecond();
    }

    /** Fills {@code out[0..count)} with the next samples. */
    void next(float[] out, int count) {
        final double aRoom = 0.04;
        // white noise uniform in [-1,1): variance 1/3; one-pole low-pass keeps a/(2-a) of it
        final double roomGain = ROOM_RMS / Math.sqrt((1.0 / 3) * aRoom / (2 - aRoom));
        for (int i = 0; i < count; i++, n++) {
            double t = n / (double) rate;
            int sec = (int) (n / rate);
            PlantedMoment m = sec < momentAt.length ? momentAt[sec] : null;
            MomentKind.Sound sound = m == null ? MomentKind.Sound.ROOM : m.kind().sound();
            double white = rnd.nextDouble() * 2 - 1;
            room += aRoom * (white - room);
            double hum = 0.0028 * Math.sin(2 * Math.PI * 60 * t) + 0.0014 * Math.sin(2 * Math.PI * 120 * t);
            double s;
            if (sound == MomentKind.Sound.SILENCE) {
                s = 0.0001 * white;
            } else if (sound == MomentKind.Sound.QUIET) {
                s = 0.5 * (room * roomGain + hum);
            } else if (sound == MomentKind.Sound.HUSHED) {
                s = 0.6 * (room * roomGain + hum);
            } else {
                s = room * roomGain + hum;
            }
            if (m != null && m != current) {
                startMoment(m);
            }
            double local = m == null ? 0 : t - m.startSec();
            switch (sound) {
                case CROWD -> s += crowd(local, white);
                case ACTION -> s += action(local, white);
                case LAUGHTER -> s += 0.8 * first.next() + 0.6 * second.next();
                case SPEECH -> s += first.next();
                case SHOUTING -> s += shouting(white);
                case ALERT -> s += alert(local);
                case STADIUM -> s += stadium(local, white);
                default -> {
                }
            }
            out[i] = (float) Math.max(-0.98, Math.min(0.98, s));
        }
    }

    /** New voices for a moment, from a generator of its own: the main one (and so the demo's sound) never shifts. */
    private void startMoment(PlantedMoment m) {
        current = m;
        momentRnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + m.startSec() * 1_000_003L + 0xB0CA1L);
        switch (m.kind().sound()) {
            case LAUGHTER -> {
                first = new Voice(Voice.Mode.LAUGH, 210 + 40 * momentRnd.nextDouble(), 0.11, rate, momentRnd.split());
                second = new Voice(Voice.Mode.LAUGH, 290 + 50 * momentRnd.nextDouble(), 0.09, rate, momentRnd.split());
            }
            case SPEECH -> first = new Voice(Voice.Mode.TALK, 140 + 50 * momentRnd.nextDouble(), 0.13, rate,
                    momentRnd.split());
            case SHOUTING -> first = new Voice(Voice.Mode.SHOUT, 300 + 60 * momentRnd.nextDouble(), 0.16, rate,
                    momentRnd.split());
            case ALERT -> first = new Voice(Voice.Mode.ROBOT, 118, 0.1, rate, momentRnd.split());
            default -> {
            }
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

    /** Shouting: a harsh, driven voice and now and then a desk slam (a thump and a crack). */
    private double shouting(double white) {
        double v = first.next();
        if (momentRnd.nextDouble() < 0.35 / rate) {
            slam = 0.6;
            slamPhase = 0;
        }
        slam *= 0.9992;
        slamPhase += 2 * Math.PI * 55 / rate;
        return v + slam * Math.sin(slamPhase) + (slam > 0.3 ? (slam - 0.3) * white : 0);
    }

    /** A donation alert: a three-note chime, then the text read by a monotone synthetic voice. */
    private double alert(double local) {
        if (local < 1.6) {
            double s = 0;
            double[] notes = {880, 1108.7, 1318.5};
            for (int k = 0; k < notes.length; k++) {
                double since = local - 0.22 * k;
                if (since >= 0) {
                    s += 0.16 * Math.exp(-since / 0.45) * Math.sin(2 * Math.PI * notes[k] * since);
                }
            }
            return s;
        }
        return local < 1.9 ? 0 : first.next();
    }

    /** An in-game stadium: steady crowd noise chanting at about 1.2 Hz over a low rumble. */
    private double stadium(double local, double white) {
        bpFast += 0.45 * (white - bpFast);
        bpSlow += 0.05 * (white - bpSlow);
        double band = (bpFast - bpSlow) * 2.2;
        rumble += 0.01 * (white - rumble);
        double chant = 0.75 + 0.25 * Math.sin(2 * Math.PI * 1.2 * local);
        return 0.065 * chant * band + 0.6 * rumble;
    }

    /**
     * A synthetic voice: a harmonic series on a pitch contour, shaped by the formants of a vowel per syllable and
     * gated into syllables and pauses. Modes: talking, laughing ("ha-ha-ha" bouts with breath), shouting (higher,
     * driven into distortion) and a text-to-speech robot (one pitch, even harmonics, clipped syllables).
     */
    static final class Voice {
        enum Mode { TALK, LAUGH, SHOUT, ROBOT }

        private static final int HARMONICS = 10;
        private final Mode mode;
        private final double f0;
        private final double level;
        private final SplittableRandom rnd;
        private final double[] gains = new double[HARMONICS];
        private final int rate;
        private double phase;
        private long sample;
        private int left; // samples left in the current syllable or pause
        private int length;
        private boolean voiced;
        private int inBout;
        private double breath;

        Voice(Mode mode, double f0, double level, int rate, SplittableRandom rnd) {
            this.mode = mode;
            this.f0 = f0;
            this.level = level;
            this.rate = rate;
            this.rnd = rnd;
        }

        double next() {
            if (left <= 0) {
                nextSegment();
            }
            left--;
            sample++;
            double t = sample / (double) rate;
            double pitch = switch (mode) {
                case ROBOT -> f0;
                case LAUGH -> f0 * (1.1 - 0.03 * inBout);
                case SHOUT -> f0 * (1 + 0.12 * Math.sin(2 * Math.PI * 0.9 * t));
                default -> f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t) + 0.05 * Math.sin(2 * Math.PI * 2.3 * t));
            };
            phase += 2 * Math.PI * pitch / rate;
            if (phase > 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
            if (!voiced) {
                return 0;
            }
            double x = 1 - left / (double) length; // position in the syllable, 0..1
            double env = mode == Mode.ROBOT ? (x < 0.05 || x > 0.95 ? 0.3 : 1) : Math.sqrt(Math.sin(Math.PI * x));
            double v = 0;
            for (int h = 0; h < HARMONICS; h++) {
                v += gains[h] * Math.sin((h + 1) * phase);
            }
            if (mode == Mode.LAUGH) {
                breath += 0.3 * ((rnd.nextDouble() * 2 - 1) - breath);
                v += 0.5 * breath;
            }
            if (mode == Mode.SHOUT) {
                v = Math.tanh(2.5 * v) / 1.2;
            }
            return level * env * v;
        }

        private void nextSegment() {
            double seconds;
            switch (mode) {
                case LAUGH -> {
                    if (voiced) { // a breath between "ha"s, a longer one between bouts
                        voiced = false;
                        seconds = inBout >= 4 + rnd.nextInt(5) ? 0.35 + 0.4 * rnd.nextDouble()
                                : 0.05 + 0.05 * rnd.nextDouble();
                        if (seconds > 0.3) {
                            inBout = 0;
                        }
                    } else {
                        voiced = true;
                        inBout++;
                        seconds = 0.12 + 0.06 * rnd.nextDouble();
                        vowel(0);
                    }
                }
                case ROBOT -> {
                    voiced = rnd.nextInt(6) != 0;
                    seconds = voiced ? 0.12 + 0.08 * rnd.nextDouble() : 0.08;
                    vowel(rnd.nextInt(VOWELS.length));
                }
                default -> { // talking and shouting: syllables, short gaps, pauses between phrases
                    if (voiced && rnd.nextInt(mode == Mode.SHOUT ? 6 : 5) == 0) {
                        voiced = false;
                        seconds = 0.15 + 0.3 * rnd.nextDouble();
                    } else {
                        voiced = true;
                        seconds = (mode == Mode.SHOUT ? 0.2 : 0.14) + 0.12 * rnd.nextDouble();
                        vowel(rnd.nextInt(VOWELS.length));
                    }
                }
            }
            length = Math.max(1, (int) (seconds * rate));
            left = length;
        }

        /** Harmonic gains for a vowel: each harmonic near a formant rings louder, on a gentle roll-off. */
        private void vowel(int v) {
            double sum = 0;
            for (int h = 0; h < HARMONICS; h++) {
                double f = (h + 1) * f0;
                double g = 0.15 / (h + 1);
                g += 1 / (1 + Math.pow((f - VOWELS[v][0]) / 150, 2));
                g += 0.6 / (1 + Math.pow((f - VOWELS[v][1]) / 200, 2));
                if (mode == Mode.ROBOT) {
                    g = 0.5 * g + 0.3 / Math.sqrt(h + 1); // buzzy
                }
                gains[h] = g;
                sum += g * g;
            }
            double norm = Math.sqrt(2 / sum); // unit RMS for a steady vowel
            for (int h = 0; h < HARMONICS; h++) {
                gains[h] *= norm;
            }
        }
    }
}
