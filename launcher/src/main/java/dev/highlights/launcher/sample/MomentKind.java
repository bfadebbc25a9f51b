package dev.highlights.launcher.sample;

/** What a planted stretch of the sample VOD is, and whether the detector should report it. */
public enum MomentKind {
    /** Hard cut, loud cheering, fast motion and flashes, then a chat explosion a few seconds later: a highlight. */
    HYPE(true),
    /** As loud and as busy on screen as a hype moment, but chat stays ordinary: chat is mandatory, so no highlight. */
    DECOY_LOUD_MOTION(false),
    /** A chat burst of a few seconds over a calm scene: too short (under 10 s even after smoothing), no highlight. */
    DECOY_CHAT_SPIKE(false),
    /** A frozen "be right back" screen with silence while chat spams: static-screen seconds are never highlights. */
    DECOY_STATIC_SCREEN(false),
    /** Quieter room tone and sparse chat over the calm scene. */
    QUIET(false);

    private final boolean expectHighlight;

    MomentKind(boolean expectHighlight) {
        this.expectHighlight = expectHighlight;
    }

    /** True when a correct pipeline must report a highlight overlapping this moment; false when it must not. */
    public boolean expectHighlight() {
        return expectHighlight;
    }
}
