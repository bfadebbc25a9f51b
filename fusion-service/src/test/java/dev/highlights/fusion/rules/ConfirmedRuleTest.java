package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.fusion.FusionServiceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped rule (CONFIRMED) on hand-written VODs: a highlight is a chat reaction confirmed by audio or video, its
 * interval is the media activity, and its lag is measured per moment. Ordinary chat has a quarter of reactions.
 */
class ConfirmedRuleTest {
    /** The shipped rules, one event per closed interval (these tests look at the final intervals). */
    private static final FusionConfig SHIPPED = FusionServiceConfig.shippedRules().toBuilder().emitOpenIntervals(false)
            .build();

    private static Scenario vod() {
        return new Scenario(400).reactions(0, 400, 0.25);
    }

    private static List<HighlightUpdate> ranked(Scenario sc) {
        return ranked(sc, SHIPPED);
    }

    private static List<HighlightUpdate> ranked(Scenario sc, FusionConfig config) {
        return sc.run(config).summary().ranked();
    }

    @Test
    void aReactionConfirmedByAudioIsTheLoudStretchItselfWithItsOwnLag() {
        // Loud 100..114; chat reacts 5 s later and keeps going for 10 s after the moment.
        Scenario sc = vod().audio(100, 115, 4).exceptionalChat(105, 125).reactions(105, 125, 0.8);
        assertThat(ranked(sc)).singleElement().satisfies(h -> {
            assertThat(h.startSec()).isEqualTo(100);
            assertThat(h.endSec()).as("the chat's tail does not extend it").isEqualTo(115);
            assertThat(h.chatLagSec()).isEqualTo(5);
        });
    }

    @Test
    void aReactionConfirmedByVideoAloneCounts() {
        Scenario sc = vod().video(200, 214, 3.5).exceptionalChat(209, 222).reactions(209, 222, 0.9);
        assertThat(ranked(sc)).singleElement().satisfies(h -> {
            assertThat(h.startSec()).isEqualTo(200);
            assertThat(h.endSec()).isEqualTo(214);
        });
    }

    @Test
    void chatAloneIsNotAHighlightWhileAudioAndVideoAreThere() {
        assertThat(ranked(vod().exceptionalChat(100, 130).reactions(100, 130, 0.9))).isEmpty();
    }

    @Test
    void mediaAloneIsNotAHighlight() {
        assertThat(ranked(vod().audio(100, 120, 5).video(150, 170, 5))).isEmpty();
    }

    @Test
    void aBurstOfSpamWhileTheStreamerIsLoudIsNotAHighlight() {
        // A giveaway announced out loud: chat explodes with commands, hardly a reaction among them.
        Scenario sc = vod().audio(100, 115, 5).exceptionalChat(104, 130).reactions(104, 130, 0.1);
        assertThat(ranked(sc)).isEmpty();
    }

    @Test
    void aRaidArrivingIsNotAReactionEvenInWordsTheLexiconDoesNotKnow() {
        // The streamer greets the raid out loud; the raiders' messages read as reactions, but nearly all are new chatters.
        Scenario sc = vod().audio(100, 115, 5).exceptionalChat(103, 125).reactions(103, 125, 0.8)
                .newcomers(103, 125, 0.9);
        assertThat(ranked(sc)).isEmpty();
        // Regulars and a few lurkers reacting is a reaction.
        assertThat(ranked(vod().audio(100, 115, 5).exceptionalChat(103, 125).reactions(103, 125, 0.8)
                .newcomers(103, 125, 0.3))).hasSize(1);
    }

    @Test
    void eachMomentHasItsOwnLag() {
        Scenario sc = vod().audio(100, 112, 4).exceptionalChat(103, 118).reactions(103, 118, 0.8)
                .video(250, 262, 4).exceptionalChat(262, 275).reactions(262, 275, 0.8);
        assertThat(ranked(sc)).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec, HighlightUpdate::chatLagSec)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(100, 112, 3),
                        org.assertj.core.groups.Tuple.tuple(250, 262, 12));
    }

    @Test
    void aSpikeWellAfterLoudActivityEndedConfirmsNothing() {
        // Loud and moving 94..108 while chat stays ordinary; a short reaction spike 10 s after it ended (the demo's decoy).
        Scenario sc = vod().audio(94, 109, 5).video(94, 109, 5).exceptionalChat(118, 124).reactions(118, 124, 0.6);
        assertThat(ranked(sc)).isEmpty();
    }

    @Test
    void aReactionLaterThanTheLagWindowConfirmsNothing() {
        int late = SHIPPED.maxChatLagSec() + 4;
        Scenario sc = vod().audio(100, 110, 4).exceptionalChat(110 + late, 130 + late).reactions(110 + late, 130 + late, 0.9);
        assertThat(ranked(sc)).isEmpty();
    }

    @Test
    void aLoneLoudSecondIsNoiseNotActivity() {
        // Isolated spikes every other second never make two active seconds in a row.
        Scenario sc = vod().exceptionalChat(105, 125).reactions(105, 125, 0.8);
        for (int s = 96; s < 116; s += 2) sc.audio(s, s + 1, 5);
        assertThat(ranked(sc)).isEmpty();
    }

    @Test
    void withoutAudioAndVideoAnExceptionalReactionStandsAlone() {
        Scenario sc = vod().exceptionalChat(100, 125).reactions(100, 125, 0.9).without(Modality.AUDIO)
                .without(Modality.VIDEO);
        assertThat(ranked(sc)).singleElement().satisfies(h -> assertThat(h.endSec() - h.startSec()).isGreaterThanOrEqualTo(10));
        // ... but spam still does not.
        Scenario spam = vod().exceptionalChat(100, 125).reactions(100, 125, 0.1).without(Modality.AUDIO)
                .without(Modality.VIDEO);
        assertThat(ranked(spam)).isEmpty();
    }

    @Test
    void theChatAloneOptionLetsAReactionStandWithoutConfirmation() {
        Scenario sc = vod().exceptionalChat(100, 125).reactions(100, 125, 0.9);
        assertThat(ranked(sc, SHIPPED.toBuilder().chatAloneHighlights(true).build())).hasSize(1);
    }

    @Test
    void staticScreensAreNeverHighlights() {
        Scenario sc = vod().audio(100, 115, 4).staticScreen(95, 120).exceptionalChat(105, 125).reactions(105, 125, 0.8);
        assertThat(ranked(sc)).isEmpty();
    }
}
