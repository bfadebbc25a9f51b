package dev.highlights.samples;

/**
 * How big a channel's chat is: its calm rate, how hard it bursts, and how many people talk. Both kinds of burst, the
 * reactions and the bursts that are no reaction (raids, command spam, copypasta), use the same burst range, so only
 * their content tells them apart.
 */
public enum Community {
    /** A busy channel: 1-3 messages a second when calm, bursts of 15-40, hundreds of regulars. */
    BUSY("busy", 1.4, 2.3, 15, 40, 400, 900, 0.6, 0.02, 5, 8, 6, 12),
    /** A small community: 0.1-0.5 messages a second from 60-150 regulars, bursts of 3-9. */
    SMALL("small", 0.16, 0.38, 3, 9, 60, 150, 0.3, 0.005, 1, 3, 1, 3);

    private final String id;
    /** Lowest and highest per-VOD mean calm rate, messages a second (the rate drifts +-30 % around it). */
    final double baselineMin;
    final double baselineMax;
    /** Fewest and most messages a second inside a burst (its onset and decay go lower). */
    final int burstMin;
    final int burstMax;
    /** Fewest and most regular chatters. */
    final int regularsMin;
    final int regularsMax;
    /** Chatters who speak only in bursts (giveaways, highlights), as a share of the regulars. */
    final double lurkers;
    /** Share of calm messages from someone who has not chatted before in the VOD. */
    final double newcomerShare;
    /** Fewest and most messages a second of a random rise of ordinary chat. */
    final int fluctuationMin;
    final int fluctuationMax;
    /** Fewest and most messages a second while a static screen is up. */
    final int waitingMin;
    final int waitingMax;

    Community(String id, double baselineMin, double baselineMax, int burstMin, int burstMax, int regularsMin,
              int regularsMax, double lurkers, double newcomerShare, int fluctuationMin, int fluctuationMax,
              int waitingMin, int waitingMax) {
        this.id = id;
        this.baselineMin = baselineMin;
        this.baselineMax = baselineMax;
        this.burstMin = burstMin;
        this.burstMax = burstMax;
        this.regularsMin = regularsMin;
        this.regularsMax = regularsMax;
        this.lurkers = lurkers;
        this.newcomerShare = newcomerShare;
        this.fluctuationMin = fluctuationMin;
        this.fluctuationMax = fluctuationMax;
        this.waitingMin = waitingMin;
        this.waitingMax = waitingMax;
    }

    /** The name the truth file uses: {@code busy} or {@code small}. */
    public String id() {
        return id;
    }

    /** Fewest messages a second inside a burst. */
    public int burstMin() {
        return burstMin;
    }

    /** Most messages a second inside a burst. */
    public int burstMax() {
        return burstMax;
    }

    /** {@link #BUSY} or {@link #SMALL} by {@link #id()}. */
    public static Community byId(String id) {
        for (Community c : values()) {
            if (c.id.equalsIgnoreCase(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown community: " + id + " (busy or small)");
    }
}
