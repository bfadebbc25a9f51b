package dev.highlights.samples;

import java.util.Objects;

/**
 * One planted stretch of the sample VOD, in whole seconds from the VOD start (end exclusive).
 *
 * @param kind         what was planted
 * @param startSec     first second of the media event (a hard cut at this second for HYPE, the tense clutch, menus and
 *                     static screens); for a chat burst over calm media (raid, giveaway or copypasta alone, a chat
 *                     fluctuation, the demo's spike) the burst's first second: the labelled stretch
 * @param endSec       first second after it
 * @param chatStartSec first second of the planted chat burst (a reaction: the explosion, a chat lag after the moment
 *                     starts; DECOY_CHAT_SPIKE: the spike; DECOY_STATIC_SCREEN: the spam; a raid: the arrivals, a
 *                     second or two before the streamer greets them), or -1 when chat stays ordinary
 * @param chatEndSec   first second after the chat burst, or -1
 * @param chatLagSec   for a moment chat reacts to: the true chat lag, seconds from the moment's start to the start of
 *                     the reaction (so {@code chatStartSec == floor(startSec + chatLagSec)}); null when chat does not
 *                     react (ordinary chat, or a burst that is no reaction)
 */
public record PlantedMoment(MomentKind kind, int startSec, int endSec, int chatStartSec, int chatEndSec,
                            Double chatLagSec) {

    /** The longest chat lag a moment may have: stream delay plus reaction time stay well under this. */
    public static final double MAX_CHAT_LAG_SEC = 30;

    public PlantedMoment {
        Objects.requireNonNull(kind, "kind");
        if (startSec < 0 || endSec <= startSec) {
            throw new IllegalArgumentException("need 0 <= startSec < endSec: " + startSec + ".." + endSec);
        }
        if ((chatStartSec < 0) != (chatEndSec < 0)) {
            throw new IllegalArgumentException("chatStartSec and chatEndSec are both set or both -1");
        }
        if (chatStartSec >= 0 && chatEndSec <= chatStartSec) {
            throw new IllegalArgumentException("need chatStartSec < chatEndSec: " + chatStartSec + ".." + chatEndSec);
        }
        if (chatLagSec != null) {
            if (chatStartSec < 0 || !(chatLagSec >= 0 && chatLagSec <= MAX_CHAT_LAG_SEC)) {
                throw new IllegalArgumentException("a chat lag needs a chat burst and 0..30 s: " + chatLagSec);
            }
            if (chatStartSec != (int) Math.floor(startSec + chatLagSec + 1e-9)) {
                throw new IllegalArgumentException("the reaction starts at startSec + chatLagSec: " + startSec + " + "
                        + chatLagSec + " vs chatStartSec " + chatStartSec);
            }
        }
    }

    /**
     * A moment with the chat lag the demo implies: for a highlight with a chat burst that starts after the moment,
     * the whole seconds from the moment's start to the burst's start; null otherwise.
     */
    public PlantedMoment(MomentKind kind, int startSec, int endSec, int chatStartSec, int chatEndSec) {
        this(kind, startSec, endSec, chatStartSec, chatEndSec, kind != null && kind.chatReacts()
                && chatStartSec >= startSec ? (double) (chatStartSec - startSec) : null);
    }

    /** A moment whose chat stays ordinary. */
    public static PlantedMoment of(MomentKind kind, int startSec, int endSec) {
        return new PlantedMoment(kind, startSec, endSec, -1, -1);
    }

    /** A hype moment of {@code [startSec, endSec)} with its chat explosion from 4 s after the cut to 3 s after the end. */
    public static PlantedMoment hype(int startSec, int endSec) {
        return new PlantedMoment(MomentKind.HYPE, startSec, endSec, startSec + 4, endSec + 3);
    }

    /** A chat spike of {@code [startSec, endSec)} over a calm scene. */
    public static PlantedMoment chatSpike(int startSec, int endSec) {
        return new PlantedMoment(MomentKind.DECOY_CHAT_SPIKE, startSec, endSec, startSec, endSec);
    }

    /** A static screen of {@code [startSec, endSec)} with chat spam from 6 s after it starts to 4 s before it ends. */
    public static PlantedMoment staticScreen(int startSec, int endSec) {
        if (endSec - startSec < 12) {
            throw new IllegalArgumentException("a static screen needs at least 12 s");
        }
        return new PlantedMoment(MomentKind.DECOY_STATIC_SCREEN, startSec, endSec, startSec + 6, endSec - 4);
    }

    /**
     * A moment chat reacts to: media over {@code [startSec, endSec)}, the reaction from {@code startSec + chatLagSec}
     * until the moment's end plus the lag plus a decay tail of {@code tailSec}.
     */
    public static PlantedMoment reaction(MomentKind kind, int startSec, int endSec, double chatLagSec, int tailSec) {
        if (!kind.chatReacts()) {
            throw new IllegalArgumentException(kind + " is no reaction");
        }
        int chatStart = (int) Math.floor(startSec + chatLagSec + 1e-9);
        int chatEnd = (int) Math.ceil(endSec + chatLagSec - 1e-9) + tailSec;
        return new PlantedMoment(kind, startSec, endSec, chatStart, chatEnd, chatLagSec);
    }

    /** A chat burst that is no reaction over calm media: the labelled stretch is the burst itself. */
    public static PlantedMoment chatOnly(MomentKind kind, int chatStartSec, int chatEndSec) {
        return new PlantedMoment(kind, chatStartSec, chatEndSec, chatStartSec, chatEndSec, null);
    }

    /** Media over {@code [startSec, endSec)}, and a chat burst that is no reaction over its own span. */
    public static PlantedMoment withBurst(MomentKind kind, int startSec, int endSec, int chatStartSec, int chatEndSec) {
        return new PlantedMoment(kind, startSec, endSec, chatStartSec, chatEndSec, null);
    }

    public boolean expectHighlight() {
        return kind.expectHighlight();
    }

    /** See {@link MomentKind#label()}. */
    public String label() {
        return kind.label();
    }

    public boolean hasChatBurst() {
        return chatStartSec >= 0;
    }

    public int durationSec() {
        return endSec - startSec;
    }

    /** First second touched by the media event or its chat burst. */
    public int firstSec() {
        return hasChatBurst() ? Math.min(startSec, chatStartSec) : startSec;
    }

    /** First second after both the media event and its chat burst. */
    public int lastSecExclusive() {
        return hasChatBurst() ? Math.max(endSec, chatEndSec) : endSec;
    }

    public boolean containsSecond(double second) {
        return second >= startSec && second < endSec;
    }

    /** Seconds of {@code [fromSec, toSec)} that fall inside the media event {@code [startSec, endSec)}. */
    public double overlapSec(double fromSec, double toSec) {
        return Math.max(0, Math.min(endSec, toSec) - Math.max(startSec, fromSec));
    }
}
