package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FusionConfigTest {

    @Test
    void defaultsAreTheReferenceRules() {
        FusionConfig c = FusionConfig.defaults();
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
        assertThat(c.fixedChatLagSec()).isZero();
        assertThat(c.maxChatLagSec()).isEqualTo(20);
        assertThat(c.sceneCutSnapSec()).isEqualTo(3);
        assertThat(c.rankingOrder()).isEqualTo(RankingOrder.DURATION_THEN_MEAN);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> FusionConfig.builder().retainSec(10).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FusionConfig.builder().minChatLagSec(5).maxChatLagSec(2).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FusionConfig.builder().fixedChatLagSec(30).build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(FusionConfig.builder().fixedChatLag(30).build().chatLagMode()).isEqualTo(ChatLagMode.FIXED);
    }
}
