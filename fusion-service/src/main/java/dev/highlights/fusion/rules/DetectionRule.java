package dev.highlights.fusion.rules;

/** Which seconds are highlight seconds. */
public enum DetectionRule {
    /**
     * A highlight is the moment itself, confirmed by more than one signal: a media second is a highlight second when
     * audio or video is active there (or a scene cut) and a chat reaction burst (chat above its baseline, most
     * messages reactions) follows within the lag window [minChatLagSec, maxChatLagSec]. Chat alone is not enough,
     * unless the VOD has neither audio nor video, or {@link FusionConfig#chatAloneHighlights()} is on.
     */
    CONFIRMED,
    /** docs/detection.md's reference rule: smoothed chat active and the weighted final score above its threshold. */
    REFERENCE
}
