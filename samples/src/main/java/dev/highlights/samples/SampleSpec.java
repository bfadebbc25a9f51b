package dev.highlights.samples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: length, picture size, frame rate, seed and the planted moments. Everything else is calm baseline
 * (slow drift, room tone, 1-3 chat messages a second).
 *
 * <p>{@link #defaults()} is the 4-minute demo sample; {@link #standard(int)} fits the same kinds of moments into any
 * length; the constructor takes any schedule (tests use short ones); {@link EvalSets} makes the labelled
 * evaluation VODs. Moments may not overlap, neither in media nor in chat, and must end inside the VOD.
 *
 * @param durationSec whole seconds of video and audio (>= 5)
 * @param width       even, 64..3840
 * @param height      even, 64..2160
 * @param fps         frames per second, 1..60
 * @param seed        everything (picture, sound, chat) is a function of the spec, seed included
 * @param moments     planted moments, sorted by start
 * @param vocabulary  the chat's words, emotes, commands and chatter names: {@link Vocabulary#DEMO} (the demo's own
 *                    chat, which knows only the demo's kinds of moment) or an evaluation vocabulary
 * @param community   busy or small channel (chat rates, chatter population); the demo's chat is busy
 */
public record SampleSpec(int durationSec, int width, int height, int fps, long seed, List<PlantedMoment> moments,
                         Vocabulary vocabulary, Community community) {

    public static final int DEFAULT_DURATION_SEC = 240;
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 360;
    public static final int DEFAULT_FPS = 30;
    public static final long DEFAULT_SEED = 20240504L;

    /** Calm seconds before the first moment in {@link #standard(int)}: chat baselines warm up over the first 60 s. */
    static final int LEAD_IN_SEC = 62;

    public SampleSpec {
        if (durationSec < 5 || durationSec > 6 * 3600) {
            throw new IllegalArgumentException("durationSec must be in 5..21600: " + durationSec);
        }
        if (width < 64 || width > 3840 || width % 2 != 0 || height < 64 || height > 2160 || height % 2 != 0) {
            throw new IllegalArgumentException("size must be even, 64x64..3840x2160: " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be in 1..60: " + fps);
        }
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(community, "community");
        if (vocabulary == Vocabulary.DEMO) {
            if (community != Community.BUSY) {
                throw new IllegalArgumentException("the demo's chat is a busy channel's");
            }
            for (PlantedMoment m : moments) {
                if (!m.kind().inDemo()) {
                    throw new IllegalArgumentException("the demo's chat knows no " + m.kind()
                            + ": use an evaluation vocabulary");
                }
            }
        }
        List<PlantedMoment> sorted = new ArrayList<>(moments);
        sorted.sort(Comparator.comparingInt(PlantedMoment::startSec));
        for (int i = 0; i < sorted.size(); i++) {
            PlantedMoment m = sorted.get(i);
            if (m.lastSecExclusive() > durationSec) {
                throw new IllegalArgumentException("moment ends after the VOD (" + durationSec + " s): " + m);
            }
            if (i > 0 && m.startSec() < sorted.get(i - 1).endSec()) {
                throw new IllegalArgumentException("moments overlap: " + sorted.get(i - 1) + " and " + m);
            }
            for (int j = 0; j < i && m.hasChatBurst(); j++) {
                PlantedMoment o = sorted.get(j);
                if (o.hasChatBurst() && m.chatStartSec() < o.chatEndSec() && o.chatStartSec() < m.chatEndSec()) {
                    throw new IllegalArgumentException("chat bursts overlap: " + o + " and " + m);
                }
            }
        }
        moments = List.copyOf(sorted);
    }

    /** A spec with the demo's chat ({@link Vocabulary#DEMO}, busy). */
    public SampleSpec(int durationSec, int width, int height, int fps, long seed, List<PlantedMoment> moments) {
        this(durationSec, width, height, fps, seed, moments, Vocabulary.DEMO, Community.BUSY);
    }

    /** The 4-minute 640x360 30 fps demo sample: see {@link #standard(int)}. */
    public static SampleSpec defaults() {
        return standard(DEFAULT_DURATION_SEC);
    }

    /**
     * The standard schedule for a VOD of {@code durationSec} seconds, 640x360 at 30 fps, default seed.
     *
     * <p>At 240 s (the default):
     * <pre>
     *   0-62    calm (chat and media baselines warm up)
     *   62-82   HYPE 1                (chat explosion 66-85)
     *   94-109  DECOY_LOUD_MOTION     (ordinary chat)
     *   118-122 DECOY_CHAT_SPIKE      (calm media)
     *   132-152 HYPE 2                (chat explosion 136-155)
     *   160-190 DECOY_STATIC_SCREEN   (frozen "BE RIGHT BACK", silence, chat spam 166-186)
     *   190-202 QUIET
     *   202-220 HYPE 3                (chat explosion 206-223)
     *   220-240 calm
     * </pre>
     * Longer VODs spread the same moments out (start times scaled, durations kept). Shorter ones keep the order,
     * shorten the lead-in (never below 20 s) and leave out what no longer fits with 10 s of calm around each moment.
     */
    public static SampleSpec standard(int durationSec) {
        return new SampleSpec(durationSec, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FPS, DEFAULT_SEED,
                standardMoments(durationSec));
    }

    static List<PlantedMoment> standardMoments(int durationSec) {
        List<PlantedMoment> base = List.of(
                PlantedMoment.hype(62, 82),
                PlantedMoment.of(MomentKind.DECOY_LOUD_MOTION, 94, 109),
                PlantedMoment.chatSpike(118, 122),
                PlantedMoment.hype(132, 152),
                PlantedMoment.staticScreen(160, 190),
                PlantedMoment.of(MomentKind.QUIET, 190, 202),
                new PlantedMoment(MomentKind.HYPE, 202, 220, 206, 223));
        if (durationSec >= DEFAULT_DURATION_SEC) {
            double f = durationSec / (double) DEFAULT_DURATION_SEC;
            List<PlantedMoment> out = new ArrayList<>();
            for (PlantedMoment m : base) {
                int shift = (int) Math.round(m.startSec() * f) - m.startSec();
                out.add(shifted(m, shift));
            }
            return out;
        }
        // Compact: keep the order, 10 s of calm between moments and at the end.
        int lead = Math.max(20, Math.min(LEAD_IN_SEC, durationSec / 4));
        int at = lead;
        List<PlantedMoment> out = new ArrayList<>();
        for (PlantedMoment m : base) {
            PlantedMoment placed = shifted(m, at - m.startSec());
            if (placed.lastSecExclusive() + 10 <= durationSec) {
                out.add(placed);
                at = placed.lastSecExclusive() + 10;
            }
        }
        return out;
    }

    private static PlantedMoment shifted(PlantedMoment m, int by) {
        return new PlantedMoment(m.kind(), m.startSec() + by, m.endSec() + by,
                m.hasChatBurst() ? m.chatStartSec() + by : -1, m.hasChatBurst() ? m.chatEndSec() + by : -1,
                m.chatLagSec());
    }

    public SampleSpec withSize(int w, int h) {
        return new SampleSpec(durationSec, w, h, fps, seed, moments, vocabulary, community);
    }

    public SampleSpec withFps(int f) {
        return new SampleSpec(durationSec, width, height, f, seed, moments, vocabulary, community);
    }

    public SampleSpec withSeed(long s) {
        return new SampleSpec(durationSec, width, height, fps, s, moments, vocabulary, community);
    }

    public SampleSpec withMoments(List<PlantedMoment> m) {
        return new SampleSpec(durationSec, width, height, fps, seed, m, vocabulary, community);
    }

    public SampleSpec withChat(Vocabulary v, Community c) {
        return new SampleSpec(durationSec, width, height, fps, seed, moments, v, c);
    }

    public long frameCount() {
        return (long) durationSec * fps;
    }

    /** The moment whose media event covers this second, or null for calm baseline. */
    public PlantedMoment momentAt(int second) {
        for (PlantedMoment m : moments) {
            if (m.containsSecond(second)) {
                return m;
            }
        }
        return null;
    }

    /** The moment whose chat burst covers this second, or null when chat is ordinary there. */
    public PlantedMoment chatBurstAt(int second) {
        for (PlantedMoment m : moments) {
            if (m.hasChatBurst() && second >= m.chatStartSec() && second < m.chatEndSec()) {
                return m;
            }
        }
        return null;
    }

    /** {@link #momentAt} for every second at once: generators look it up per sample, so it must be cheap. */
    PlantedMoment[] momentsBySecond() {
        PlantedMoment[] out = new PlantedMoment[durationSec];
        for (PlantedMoment m : moments) {
            for (int s = m.startSec(); s < m.endSec(); s++) {
                if (out[s] == null) {
                    out[s] = m;
                }
            }
        }
        return out;
    }

    /** {@link #chatBurstAt} for every second at once. */
    PlantedMoment[] chatBurstsBySecond() {
        PlantedMoment[] out = new PlantedMoment[durationSec];
        for (PlantedMoment m : moments) {
            for (int s = Math.max(0, m.chatStartSec()); m.hasChatBurst() && s < m.chatEndSec(); s++) {
                if (out[s] == null) {
                    out[s] = m;
                }
            }
        }
        return out;
    }

    /** Moments that must be found. */
    public List<PlantedMoment> expectedHighlights() {
        return moments.stream().filter(PlantedMoment::expectHighlight).toList();
    }

    /** Moments that must not be found. */
    public List<PlantedMoment> decoys() {
        return moments.stream().filter(m -> !m.expectHighlight()).toList();
    }
}
