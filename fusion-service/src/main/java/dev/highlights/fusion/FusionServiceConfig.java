package dev.highlights.fusion;

import dev.highlights.fusion.rules.ChatLagMode;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.RankingOrder;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code fusion.*} settings: the weights and thresholds of the detection rules (defaults are the
 * reference detector's, DESIGN.md) and the streaming settings around them.
 */
@ConfigMapping(prefix = "fusion")
public interface FusionServiceConfig {

    /** Half-width of the centred moving average (3 gives 7 s); also the inherent lookahead in seconds. */
    @WithDefault("3")
    int smoothingRadiusSec();

    @WithDefault("0.5")
    double chatActiveThreshold();

    @WithDefault("1.0")
    double chatWeight();

    @WithDefault("0.5")
    double audioWeight();

    @WithDefault("1.0")
    double videoWeight();

    @WithDefault("0.3")
    double finalThreshold();

    @WithDefault("3")
    int maxGapSec();

    @WithDefault("10")
    int minDurationSec();

    @WithDefault("2.0")
    double audioZThreshold();

    @WithDefault("3.0")
    double audioZDivisor();

    @WithDefault("1.0")
    double videoZThreshold();

    @WithDefault("2.0")
    double videoZDivisor();

    /** ESTIMATED (cross-correlation of chat with audio and video) or FIXED. */
    @WithDefault("ESTIMATED")
    ChatLagMode chatLagMode();

    /**
     * The lag in FIXED mode and the starting lag in ESTIMATED mode, seconds. Viewers watch a few seconds behind the
     * stream and then type, so the first highlights of a VOD (before the estimate has evidence) start from 3 s.
     */
    @WithDefault("3")
    int chatLagSec();

    @WithDefault("0")
    int minChatLagSec();

    @WithDefault("20")
    int maxChatLagSec();

    @WithDefault("3")
    int sceneCutSnapSec();

    /** DURATION_THEN_MEAN (the reference) or SCORE. */
    @WithDefault("DURATION_THEN_MEAN")
    RankingOrder rankingOrder();

    /** Trailing window of the rolling audio and video statistics. */
    @WithDefault("600")
    int rollingWindowSec();

    /** Live streams only: a modality that stalls this long is not waited for. */
    @WithDefault("PT5S")
    Duration liveModalityTimeout();

    /** How often live streams are checked for a stalled modality. */
    @WithDefault("PT1S")
    Duration tick();

    /**
     * Send a highlight as soon as its running interval is min-duration-sec long and revise its end as it grows (the
     * revision that closes it has {@code open=false}), so live highlights appear the smoothing lookahead after their
     * seconds; false sends each interval once, when the gap after it closes it.
     */
    @WithDefault("true")
    boolean emitOpenIntervals();

    default FusionConfig toFusionConfig() {
        return FusionConfig.builder()
                .smoothingRadiusSec(smoothingRadiusSec())
                .chatActiveThreshold(chatActiveThreshold())
                .chatWeight(chatWeight())
                .audioWeight(audioWeight())
                .videoWeight(videoWeight())
                .finalThreshold(finalThreshold())
                .maxGapSec(maxGapSec())
                .minDurationSec(minDurationSec())
                .audioZThreshold(audioZThreshold())
                .audioZDivisor(audioZDivisor())
                .videoZThreshold(videoZThreshold())
                .videoZDivisor(videoZDivisor())
                .chatLagMode(chatLagMode())
                .fixedChatLagSec(chatLagSec())
                .minChatLagSec(minChatLagSec())
                .maxChatLagSec(maxChatLagSec())
                .sceneCutSnapSec(sceneCutSnapSec())
                .rankingOrder(rankingOrder())
                .rollingWindowSec(rollingWindowSec())
                .modalityTimeoutMillis(liveModalityTimeout().toMillis())
                .emitOpenIntervals(emitOpenIntervals())
                .build();
    }
}
