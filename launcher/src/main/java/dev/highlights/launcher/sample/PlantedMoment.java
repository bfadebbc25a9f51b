package dev.highlights.launcher.sample;

import java.util.Objects;

/**
 * One planted stretch of the sample VOD, in whole seconds from the VOD start (end exclusive).
 *
 * @param kind         what was planted
 * @param startSec     first second of the media event (a hard cut at this second for HYPE and static screens)
 * @param endSec       first second after it
 * @param chatStartSec first second of the planted chat burst (HYPE: the explosion, a few seconds after the cut;
 *                     DECOY_CHAT_SPIKE: the spike; DECOY_STATIC_SCREEN: the spam), or -1 when chat stays ordinary
 * @param chatEndSec   first second after the chat burst, or -1
 */
public record PlantedMoment(MomentKind kind, int startSec, int endSec, int chatStartSec, int chatEndSec) {

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

    public boolean expectHighlight() {
        return kind.expectHighlight();
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
