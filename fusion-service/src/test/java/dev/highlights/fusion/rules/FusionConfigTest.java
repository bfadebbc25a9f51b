package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionConfigTest {

    @Test
    void shippedProfileKeepsTheReferenceWeightsAndThresholds() {
        FusionConfig c = FusionServiceConfig.shippedRules();
        assertThat(c.smoothingWindowSec()).isEqualTo(7);
        assertThat(c.chatActiveThreshold()).isEqualTo(0.5);
        assertThat(c.chatWeight()).isEqualTo(1.0);
        assertThat(c.audioWeight()).isEqualTo(0.5);
        assertThat(c.videoWeight()).isEqualTo(1.0);
        assertThat(c.finalThreshold()).isEqualTo(0.3);
        assertThat(c.maxGapSec()).isEqualTo(3);
        assertThat(c.minDurationSec()).isEqualTo(10);
        assertThat(c.chatExceptionalPoints()).isEqualTo(3);
        assertThat(c.chatHighPoints()).isEqualTo(2);
        assertThat(c.audioZThreshold()).isEqualTo(2);
        assertThat(c.audioZDivisor()).isEqualTo(3);
        assertThat(c.videoZThreshold()).isEqualTo(1);
        assertThat(c.videoMaxScore()).isEqualTo(0.5);
        assertThat(c.chatLagMode()).isEqualTo(ChatLagMode.ESTIMATED);
        assertThat(c.fixedChatLagSec()).isEqualTo(3);
        assertThat(c.emitOpenIntervals()).isTrue();
        assertThat(c.maxChatLagSec()).isEqualTo(16);
        assertThat(c.detection()).isEqualTo(DetectionRule.CONFIRMED);
        assertThat(c.sceneCutSnapSec()).isEqualTo(3);
        assertThat(c.rankingOrder()).isEqualTo(RankingOrder.DURATION_THEN_MEAN);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void aSettingOverridesItsDefaultAndNothingElse() {
        FusionConfig changed = FusionServiceConfig.load(Map.of("fusion.max-gap-sec", "5", "fusion.chat-lag-mode", "FIXED"))
                .toFusionConfig();
        assertThat(changed).isEqualTo(FusionServiceConfig.shippedRules().toBuilder().maxGapSec(5)
                .chatLagMode(ChatLagMode.FIXED).build());
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> FusionServiceConfig.shippedRules().toBuilder().retainSec(10).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FusionServiceConfig.shippedRules().toBuilder().minChatLagSec(5).maxChatLagSec(2).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FusionServiceConfig.shippedRules().toBuilder().fixedChatLagSec(30).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(FusionServiceConfig.shippedRules().toBuilder().fixedChatLag(30).build().chatLagMode()).isEqualTo(ChatLagMode.FIXED);
    }
}
