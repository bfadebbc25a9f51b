package dev.highlights.fusion.rules;

/** How the chat reaction lag is chosen per VOD. */
public enum ChatLagMode {
    /** Always {@link FusionConfig#fixedChatLagSec()}. */
    FIXED,
    /** Start at {@link FusionConfig#fixedChatLagSec()}, then follow {@link ChatLagEstimator}. */
    ESTIMATED
}
