package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FusionEngineTableTest {
    /** The reference rule with the shipped settings, each interval sent once when it closes: these tests count events. */
    private static final FusionConfig CLOSED_ONLY = FusionServiceConfig.shippedRules().toBuilder()
            .detection(DetectionRule.REFERENCE).emitOpenIntervals(false).build();

    // A burst of k chat seconds at [a, a+k) smooths to "active" over [a-2, a+k+2): k + 4 seconds (2 of 7 seconds at
    // 3 points is 0.86 > 0.5, 1 of 7 is 0.43). So k >= 6 is needed for the 10 s minimum.
    @ParameterizedTest(name = "chat-only burst of {0} s -> {1} highlight(s)")
    @CsvSource({
            "3, 0, 0, 0",
            "5, 0, 0, 0",
            "6, 1, 98, 108",
            "20, 1, 98, 122",
    })
    void chatOnlyBurstsBecomeHighlightsOnlyWhenLongEnough(int burst, int expected, int start, int end) {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 100 + burst)
                .without(Modality.AUDIO).without(Modality.VIDEO).run(Scenario.config());

        assertThat(out.summary().ranked()).hasSize(expected);
        if (expected == 1) {
            HighlightUpdate h = out.summary().ranked().get(0);
            assertThat(h.startSec()).isEqualTo(start);
            assertThat(h.endSec()).isEqualTo(end);
            assertThat(h.durationSec()).isGreaterThanOrEqualTo(10);
            assertThat(h.audioContribution()).isZero();
            assertThat(h.videoContribution()).isZero();
            assertThat(h.reason()).isEqualTo("chat EXCEPTIONAL 34 msg/s");
            assertThat(h.revision()).isEqualTo(1);
            assertThat(h.rank()).isEqualTo(1);
        }
        assertThat(out.updates()).hasSize(expected);
    }

    @ParameterizedTest(name = "HIGH chat burst of {0} s -> {1}")
    @CsvSource({"5, 0", "6, 1"})
    void highChatCountsLikeExceptional(int burst, int expected) {
        VodReplay.Output out = new Scenario(200).chat(100, 100 + burst, 2, 20).run(Scenario.config());
        assertThat(out.summary().ranked()).hasSize(expected);
    }

    @ParameterizedTest(name = "audio z={0}, video z={1} without chat -> nothing")
    @CsvSource({"5, 0", "0, 4", "8, 8"})
    void audioOrVideoBurstsWithoutChatNeverMakeHighlights(double audioZ, double videoZ) {
        VodReplay.Output out = new Scenario(300).audio(100, 160, audioZ).video(100, 160, videoZ).run(Scenario.config());
        assertThat(out.updates()).isEmpty();
        assertThat(out.summary().ranked()).isEmpty();
    }

    @Test
    void audioConfirmsAndRaisesTheScore() {
        VodReplay.Output chatOnly = new Scenario(200).exceptionalChat(100, 110).run(Scenario.config());
        VodReplay.Output withAudio = new Scenario(200).exceptionalChat(100, 110).audio(100, 110, 4.5).run(Scenario.config());

        HighlightUpdate a = chatOnly.summary().ranked().get(0);
        HighlightUpdate b = withAudio.summary().ranked().get(0);
        assertThat(b.startSec()).isEqualTo(a.startSec());
        assertThat(b.endSec()).isEqualTo(a.endSec());
        assertThat(b.score()).isGreaterThan(a.score());
        assertThat(b.audioContribution()).isGreaterThan(0);
        assertThat(b.score()).isCloseTo(b.chatContribution() + b.audioContribution() + b.videoContribution(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.reason()).isEqualTo("chat EXCEPTIONAL 34 msg/s, audio +4.5 sd");
    }

    @Test
    void missingVideoStillWorks() {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 110).audio(102, 108, 3)
                .without(Modality.VIDEO).run(Scenario.config());

        assertThat(out.summary().ranked()).hasSize(1);
        HighlightUpdate h = out.summary().ranked().get(0);
        assertThat(h.startSec()).isEqualTo(98);
        assertThat(h.endSec()).isEqualTo(112);
        assertThat(h.videoContribution()).isZero();
        assertThat(h.audioContribution()).isGreaterThan(0);
        assertThat(h.reason()).contains("audio +3.0 sd");
    }

    @Test
    void videoBreaksTiesInTheScore() {
        VodReplay.Output out = new Scenario(400).exceptionalChat(100, 110).exceptionalChat(300, 310).video(300, 310, 2.5)
                .run(Scenario.config());
        List<HighlightUpdate> ranked = out.summary().ranked();
        assertThat(ranked).hasSize(2);
        // Same duration: the one with video ranks first.
        assertThat(ranked.get(0).startSec()).isEqualTo(298);
        assertThat(ranked.get(0).videoContribution()).isGreaterThan(0);
        assertThat(ranked.get(0).reason()).contains("video +2.5 sd");
    }

    @Test
    void outOfOrderAndDuplicatedInputsGiveIdenticalOutput() {
        SyntheticVod vod = SyntheticVod.generate(7, 1800, 4, 60);
        List<Object> inOrder = VodReplay.inputs(vod);
        FusionEngine engine = new FusionEngine(CLOSED_ONLY);
        VodReplay.Output expected = VodReplay.run(engine, "vod-x", inOrder);
        assertThat(expected.summary().ranked()).hasSizeGreaterThan(3);

        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            List<Object> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, rnd);
            List<Object> withDuplicates = new ArrayList<>();
            for (Object in : shuffled) {
                withDuplicates.add(in);
                if (rnd.nextInt(5) == 0) withDuplicates.add(in);
            }
            // ... and a burst of replays of earlier inputs in the middle and at the end.
            withDuplicates.addAll(withDuplicates.size() / 2, inOrder.subList(0, 300));
            withDuplicates.addAll(inOrder.subList(inOrder.size() - 300, inOrder.size()));

            VodReplay.Output actual = VodReplay.run(engine, "vod-x", withDuplicates);
            assertThat(actual.updates()).isEqualTo(expected.updates());
            assertThat(actual.summary()).isEqualTo(expected.summary());
        }
    }

    @Test
    void modalitiesArrivingOneAfterAnotherGiveIdenticalOutput() {
        SyntheticVod vod = SyntheticVod.generate(11, 1200, 0, 60);
        List<Object> inOrder = VodReplay.inputs(vod);
        List<Object> chatFirst = new ArrayList<>();
        for (Class<?> type : List.of(ChatSecond.class, VideoSecond.class, AudioSecond.class)) {
            for (Object in : inOrder) if (type.isInstance(in)) chatFirst.add(in);
        }
        FusionEngine engine = new FusionEngine(CLOSED_ONLY);
        assertThat(VodReplay.run(engine, "v", chatFirst)).isEqualTo(VodReplay.run(engine, "v", inOrder));
    }

    @Test
    void duplicatesAfterTheEndChangeNothing() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110);
        FusionEngine engine = new FusionEngine(Scenario.config());
        VodFusionState st = engine.newState("v");
        for (Object in : sc.inputs()) VodReplay.feed(engine, st, in);
        VodSummary summary = engine.onVodEnd(st).summary();
        for (Object in : sc.inputs()) assertThat(VodReplay.feed(engine, st, in)).isEmpty();
        VodResult again = engine.onVodEnd(st);
        assertThat(again.updates()).isEmpty();
        assertThat(again.summary()).isEqualTo(summary);
    }

    @Test
    void staticScreenSuppressesHighlights() {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 120).audio(100, 120, 5).staticScreen(95, 125)
                .run(Scenario.config());
        assertThat(out.updates()).isEmpty();
    }

    @Test
    void staticSecondsSplitAnInterval() {
        // Active [98, 122); static 108-109 are not highlight seconds and cannot be bridged.
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 120).staticScreen(108, 110).run(Scenario.config());
        assertThat(Scenario.spans(out)).containsExactly(new int[] {98, 108}, new int[] {110, 122});
    }

    @ParameterizedTest(name = "cut at {0} -> start {1}")
    @CsvSource({
            "96, 96, true",   // 2 s before the detected start: snapped
            "95, 95, true",   // exactly the 3 s window
            "94, 98, false",  // too far
            "98, 98, false",  // on the start: nothing to move
            "100, 98, false", // after the start: never moves forward
    })
    void startSnapsBackToASceneCut(int cutSec, int start, boolean snapped) {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 110).cutAt(cutSec).run(Scenario.config());
        HighlightUpdate h = out.summary().ranked().get(0);
        assertThat(h.startSec()).isEqualTo(start);
        assertThat(h.endSec()).isEqualTo(112);
        assertThat(h.snappedToSceneCut()).isEqualTo(snapped);
        if (start != 98 || cutSec == 98) assertThat(h.reason()).endsWith("cut at 00:01:" + String.format("%02d", start - 60));
    }

    @Test
    void snappingNeverCrossesAStaticScreen() {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 110).cutAt(95).staticScreen(96, 97)
                .run(Scenario.config());
        assertThat(out.summary().ranked().get(0).startSec()).isEqualTo(98);
    }

    @Test
    void fixedChatLagShiftsTheIntervalEarlier() {
        Scenario sc = new Scenario(200).exceptionalChat(106, 116);
        HighlightUpdate noLag = sc.run(Scenario.config()).summary().ranked().get(0);
        HighlightUpdate lagged = sc.run(CLOSED_ONLY.toBuilder().fixedChatLag(6).build()).summary().ranked().get(0);

        assertThat(noLag.startSec()).isEqualTo(104);
        assertThat(lagged.startSec()).isEqualTo(98);
        assertThat(lagged.endSec()).isEqualTo(noLag.endSec() - 6);
        assertThat(lagged.chatLagSec()).isEqualTo(6);
        assertThat(lagged.reason()).contains("chat lag 6 s");
    }

    @Test
    void estimatedChatLagAlignsHighlightsWithTheMedia() {
        int lag = 6;
        SyntheticVod vod = SyntheticVod.generate(3, 3600, lag, 60);
        FusionEngine engine = new FusionEngine(CLOSED_ONLY.toBuilder().sceneCutSnapSec(0).build());
        VodFusionState st = engine.newState("v");
        List<HighlightUpdate> updates = new ArrayList<>();
        for (Object in : VodReplay.inputs(vod)) updates.addAll(VodReplay.feed(engine, st, in));
        VodResult end = engine.onVodEnd(st);
        assertThat(end.summary().chatLagSec()).isEqualTo(lag);

        // Once the lag is known, each event's highlight starts 2 s before the event itself (smoothing), not at the
        // chat reaction 6 s later.
        int aligned = 0;
        for (int event : vod.events()) {
            if (event < 1200) continue;
            HighlightUpdate h = end.summary().ranked().stream()
                    .filter(x -> x.startSec() <= event + lag && x.endSec() > event).findFirst().orElseThrow();
            assertThat(h.startSec()).as("event at %d", event).isEqualTo(event - 2);
            assertThat(h.chatLagSec()).isEqualTo(lag);
            aligned++;
        }
        assertThat(aligned).isGreaterThan(5);
    }

    @Test
    void rankingOrders() {
        // A long weak interval and a short strong one.
        Scenario sc = new Scenario(400).chat(100, 130, 2, 12).exceptionalChat(300, 308).audio(300, 308, 6);
        List<HighlightUpdate> byDuration = sc.run(Scenario.config()).summary().ranked();
        List<HighlightUpdate> byScore = sc.run(Scenario.config().toBuilder().rankingOrder(RankingOrder.SCORE).build()).summary().ranked();
        assertThat(byDuration).extracting(HighlightUpdate::startSec).containsExactly(98, 298);
        assertThat(byScore).extracting(HighlightUpdate::startSec).containsExactly(298, 98);
        assertThat(byScore).extracting(HighlightUpdate::rank).containsExactly(1, 2);
    }

    @Test
    void highlightIdsAreDeterministicAndDifferPerVod() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110);
        HighlightUpdate a = sc.run(Scenario.config()).updates().get(0);
        HighlightUpdate b = sc.run(Scenario.config()).updates().get(0);
        assertThat(a.highlightId()).isEqualTo(b.highlightId()).isEqualTo(HighlightIds.of("vod-1", 98, 0));
        assertThat(HighlightIds.of("vod-2", 98, 0)).isNotEqualTo(a.highlightId());
    }

    @Test
    void twoVodsInterleavedDoNotDisturbEachOther() {
        Scenario one = new Scenario(300).exceptionalChat(100, 110);
        Scenario two = new Scenario(300).exceptionalChat(200, 230).audio(200, 230, 4);
        FusionEngine engine = new FusionEngine(Scenario.config());
        VodFusionState a = engine.newState("a");
        VodFusionState b = engine.newState("b");
        List<HighlightUpdate> outA = new ArrayList<>();
        List<HighlightUpdate> outB = new ArrayList<>();
        List<Object> inA = one.inputs();
        List<Object> inB = two.inputs();
        for (int i = 0; i < inA.size(); i++) {
            outA.addAll(VodReplay.feed(engine, a, inA.get(i)));
            outB.addAll(VodReplay.feed(engine, b, inB.get(inB.size() - 1 - i))); // b even backwards
        }
        outA.addAll(engine.onVodEnd(a).updates());
        outB.addAll(engine.onVodEnd(b).updates());
        assertThat(outA).isEqualTo(one.run(Scenario.config()).updates().stream().map(h -> withVod(h, "a")).toList());
        assertThat(outB).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec).containsExactly(org.assertj.core.groups.Tuple.tuple(198, 232));
    }

    private static HighlightUpdate withVod(HighlightUpdate h, String vod) {
        return new HighlightUpdate(HighlightIds.of(vod, h.startSec(), 0), vod, h.revision(), h.retracted(), h.open(), h.startSec(),
                h.endSec(), h.peakSec(), h.score(), h.peakScore(), h.chatContribution(), h.audioContribution(),
                h.videoContribution(), h.chatLagSec(), h.snappedToSceneCut(), h.reason(), h.rank());
    }

    @Test
    void emittedWhenTheGapAfterTheIntervalIsFused() {
        // Interval [98, 112): last highlight second 111; it closes once the flag of 111 + 3 + 1 = 115 is final, which
        // needs the media up to 115 + 3 = 118 fused: emitted by the input of second 118, not before.
        Scenario sc = new Scenario(200).exceptionalChat(100, 110);
        FusionEngine engine = new FusionEngine(Scenario.config());
        VodFusionState st = engine.newState("v");
        int emittedAt = -1;
        for (Object in : sc.inputs()) {
            if (!VodReplay.feed(engine, st, in).isEmpty()) {
                emittedAt = ((VideoSecond) in).second();
                break;
            }
        }
        assertThat(emittedAt).isEqualTo(118);
    }

    @Test
    void sparseChatWithWatermarksEqualsDenseChat() {
        Scenario sc = new Scenario(300).exceptionalChat(100, 112).audio(100, 105, 3);
        VodReplay.Output dense = sc.run(Scenario.config());

        FusionEngine engine = new FusionEngine(Scenario.config());
        VodFusionState st = engine.newState("vod-1");
        List<HighlightUpdate> out = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            if (sc.chat[s] > 0) out.addAll(engine.onChat(st, sc.chatAt(s)));
            out.addAll(engine.onAudio(st, sc.audioAt(s)));
            out.addAll(engine.onVideo(st, sc.videoAt(s)));
            if (s % 10 == 9) out.addAll(engine.onWatermark(st, Modality.CHAT, s + 1));
        }
        out.addAll(engine.onVodEnd(st).updates());
        assertThat(Scenario.spans(dense)).hasSize(1);
        assertThat(out).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec, HighlightUpdate::score)
                .containsExactlyElementsOf(dense.updates().stream()
                        .map(h -> org.assertj.core.groups.Tuple.tuple(h.startSec(), h.endSec(), h.score())).toList());
    }

    @Test
    void allModalitiesFinishedEndsTheVodByItself() {
        Scenario sc = new Scenario(200).exceptionalChat(190, 200);
        FusionEngine engine = new FusionEngine(Scenario.config());
        VodFusionState st = engine.newState("v");
        List<HighlightUpdate> out = new ArrayList<>();
        for (Object in : sc.inputs()) out.addAll(VodReplay.feed(engine, st, in));
        assertThat(out).isEmpty(); // the last interval is still open: no lookahead past the end yet
        out.addAll(engine.onModalityFinished(st, Modality.CHAT, 200));
        out.addAll(engine.onModalityFinished(st, Modality.AUDIO, 200));
        assertThat(st.isEnded()).isFalse();
        out.addAll(engine.onModalityFinished(st, Modality.VIDEO, -1));
        assertThat(st.isEnded()).isTrue();
        // Active [188, 200) inside the VOD; zero padding after the end.
        assertThat(out).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(188, 200));
        assertThat(engine.onVodEnd(st).updates()).isEmpty();
    }

    @Test
    void preScaledInputsScoreLikeTheirZScores() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110).audio(100, 110, 4.5).video(104, 108, 3);
        VodReplay.Output fromZ = sc.run(Scenario.config());
        ModalityScoring scoring = new ModalityScoring(Scenario.config());
        List<Object> scaled = new ArrayList<>();
        for (int s = 0; s < sc.seconds; s++) {
            scaled.add(sc.chatAt(s));
            scaled.add(AudioSecond.scaled(s, scoring.audioScore(sc.audioZ[s])));
            scaled.add(VideoSecond.scaled(s, scoring.videoScore(sc.videoZ[s], sc.videoZ[s]), false, false));
        }
        HighlightUpdate a = fromZ.summary().ranked().get(0);
        HighlightUpdate b = sc.run(Scenario.config(), scaled).summary().ranked().get(0);
        assertThat(b.score()).isEqualTo(a.score());
        assertThat(b.reason()).isEqualTo("chat EXCEPTIONAL 34 msg/s, audio 1.00, video 0.50");
        // Out-of-range pre-scaled values are clamped to the modality's range.
        List<Object> tooBig = new ArrayList<>(scaled);
        tooBig.replaceAll(in -> in instanceof AudioSecond x && x.value() > 0 ? AudioSecond.scaled(x.second(), 50) : in);
        assertThat(sc.run(Scenario.config(), tooBig).summary().ranked().get(0).score()).isEqualTo(a.score());
    }

    @Test
    void aCorrectedRawValueReplacesTheFirstInTheBaseline() {
        SyntheticVod vod = SyntheticVod.generate(13, 900, 0, 60);
        List<Object> inputs = VodReplay.inputs(vod);
        FusionEngine engine = new FusionEngine(Scenario.config());
        VodReplay.Output expected = VodReplay.run(engine, "v", inputs);
        // A wrong value for every audio second arrives first, then the right one (before the second is fused).
        List<Object> corrected = new ArrayList<>();
        for (Object in : inputs) {
            if (in instanceof AudioSecond a) corrected.add(AudioSecond.energy(a.second(), a.value() * 10));
            corrected.add(in);
        }
        assertThat(VodReplay.run(engine, "v", corrected)).isEqualTo(expected);
    }
}
