package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts, late inputs and revisions. */
class LateInputTest {
    private final FusionEngine engine = new FusionEngine(Scenario.config());

    /** Chat and audio for every second, video only before {@code videoUntil}; then the frontier is forced to 150. */
    private VodFusionState stalledVideo(Scenario sc, int videoUntil, List<HighlightUpdate> out) {
        VodFusionState st = engine.newState("vod-1");
        for (int s = 0; s < 150; s++) {
            out.addAll(engine.onChat(st, sc.chatAt(s)));
            out.addAll(engine.onAudio(st, sc.audioAt(s)));
            if (s < videoUntil) out.addAll(engine.onVideo(st, sc.videoAt(s)));
        }
        assertThat(st.fusedUpTo()).isEqualTo(videoUntil);
        out.addAll(engine.advanceTo(st, 150));
        assertThat(st.fusedUpTo()).isEqualTo(150);
        return st;
    }

    @Test
    void lateSceneCutRevisesTheEmittedHighlight() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110).cutAt(95);
        List<HighlightUpdate> out = new ArrayList<>();
        VodFusionState st = stalledVideo(sc, 90, out);
        assertThat(out).extracting(HighlightUpdate::revision, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(tuple(1, 98, 112));
        String id = out.get(0).highlightId();

        List<HighlightUpdate> late = new ArrayList<>();
        for (int s = 90; s < 150; s++) late.addAll(engine.onVideo(st, sc.videoAt(s)));
        assertThat(late).hasSize(1);
        HighlightUpdate revised = late.get(0);
        assertThat(revised.highlightId()).isEqualTo(id);
        assertThat(revised.revision()).isEqualTo(2);
        assertThat(revised.startSec()).isEqualTo(95);
        assertThat(revised.snappedToSceneCut()).isTrue();

        // The same late inputs again: nothing.
        for (int s = 90; s < 150; s++) assertThat(engine.onVideo(st, sc.videoAt(s))).isEmpty();
        VodResult end = engine.onVodEnd(st);
        assertThat(end.summary().ranked()).extracting(HighlightUpdate::highlightId, HighlightUpdate::revision, HighlightUpdate::startSec)
                .containsExactly(tuple(id, 2, 95));
    }

    @Test
    void lateChatExtendsTheEmittedHighlight() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 116);
        VodFusionState st = engine.newState("vod-1");
        List<HighlightUpdate> out = new ArrayList<>();
        for (int s = 0; s < 160; s++) {
            if (s < 112 || s >= 116) out.addAll(engine.onChat(st, sc.chatAt(s))); // 112..115 delayed
            out.addAll(engine.onAudio(st, sc.audioAt(s)));
            out.addAll(engine.onVideo(st, sc.videoAt(s)));
        }
        assertThat(out).isEmpty(); // fusion waits for chat second 112
        out.addAll(engine.onWallClock(st, 1_000));
        out.addAll(engine.onWallClock(st, 1_000 + Scenario.config().modalityTimeoutMillis()));
        assertThat(out).extracting(HighlightUpdate::revision, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(tuple(1, 98, 114));

        // Each late second lengthens it by one: one update per input, same id, revisions 2, 3, 4, 5.
        List<HighlightUpdate> late = new ArrayList<>();
        for (int s = 112; s < 116; s++) late.addAll(engine.onChat(st, sc.chatAt(s)));
        assertThat(late).extracting(HighlightUpdate::highlightId, HighlightUpdate::revision, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(
                        tuple(out.get(0).highlightId(), 2, 98, 115),
                        tuple(out.get(0).highlightId(), 3, 98, 116),
                        tuple(out.get(0).highlightId(), 4, 98, 117),
                        tuple(out.get(0).highlightId(), 5, 98, 118));
        assertThat(engine.onVodEnd(st).summary().ranked()).extracting(HighlightUpdate::revision, HighlightUpdate::endSec)
                .containsExactly(tuple(5, 118));
    }

    @Test
    void lateStaticScreenRetractsTheHighlight() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110).staticScreen(90, 130);
        List<HighlightUpdate> out = new ArrayList<>();
        VodFusionState st = stalledVideo(sc, 90, out);
        assertThat(out).hasSize(1);

        // Static seconds arriving one by one first shorten the interval, then it falls under 10 s and is retracted.
        List<HighlightUpdate> late = new ArrayList<>();
        for (int s = 90; s < 150; s++) late.addAll(engine.onVideo(st, sc.videoAt(s)));
        assertThat(late).allSatisfy(h -> assertThat(h.highlightId()).isEqualTo(out.get(0).highlightId()));
        assertThat(late).extracting(HighlightUpdate::revision).isSorted().startsWith(2).doesNotHaveDuplicates();
        assertThat(late.get(late.size() - 1).retracted()).isTrue();
        assertThat(late.subList(0, late.size() - 1)).noneMatch(HighlightUpdate::retracted);
        assertThat(engine.onVodEnd(st).summary().ranked()).isEmpty();
    }

    @Test
    void oneLateStaticSecondInsideTheIntervalSplitsIt() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 120).staticScreen(108, 110);
        List<HighlightUpdate> out = new ArrayList<>();
        VodFusionState st = stalledVideo(sc, 90, out);
        assertThat(out).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec).containsExactly(tuple(98, 122));
        List<HighlightUpdate> late = new ArrayList<>();
        for (int s = 90; s < 150; s++) late.addAll(engine.onVideo(st, sc.videoAt(s)));
        // The first static second splits it: the first part keeps the id, the second is new.
        assertThat(late).extracting(HighlightUpdate::highlightId, HighlightUpdate::revision, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(
                        tuple(out.get(0).highlightId(), 2, 98, 108),
                        tuple(HighlightIds.of("vod-1", 109, 0), 1, 109, 122),
                        tuple(HighlightIds.of("vod-1", 109, 0), 2, 110, 122));
        assertThat(engine.onVodEnd(st).summary().ranked()).extracting(HighlightUpdate::startSec).containsExactly(110, 98);
    }

    @Test
    void lateChatMergesTwoHighlights() {
        // Two bursts 8 s apart (active [98, 112) and [116, 130): a 4 s gap); the chat between them arrives late.
        Scenario sc = new Scenario(250).exceptionalChat(100, 118).exceptionalChat(118, 128);
        VodFusionState st = engine.newState("vod-1");
        List<HighlightUpdate> out = new ArrayList<>();
        for (int s = 0; s < 160; s++) {
            if (s < 110 || s >= 118) out.addAll(engine.onChat(st, sc.chatAt(s)));
            out.addAll(engine.onAudio(st, sc.audioAt(s)));
            out.addAll(engine.onVideo(st, sc.videoAt(s)));
        }
        out.addAll(engine.advanceTo(st, 160));
        assertThat(out).extracting(HighlightUpdate::revision, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(tuple(1, 98, 112), tuple(1, 116, 130));

        // The first late second already bridges the gap: the later highlight merges into the earlier one.
        List<HighlightUpdate> late = new ArrayList<>();
        for (int s = 110; s < 118; s++) late.addAll(engine.onChat(st, sc.chatAt(s)));
        assertThat(late.subList(0, 2)).extracting(HighlightUpdate::highlightId, HighlightUpdate::revision, HighlightUpdate::retracted,
                        HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactlyInAnyOrder(
                        tuple(out.get(1).highlightId(), 2, true, 116, 130),
                        tuple(out.get(0).highlightId(), 2, false, 98, 130));
        assertThat(engine.onVodEnd(st).summary().ranked()).extracting(HighlightUpdate::highlightId, HighlightUpdate::startSec, HighlightUpdate::endSec)
                .containsExactly(tuple(out.get(0).highlightId(), 98, 130));
    }

    @Test
    void lateChatBehindTheRetentionIsDropped() {
        Scenario sc = new Scenario(300).exceptionalChat(100, 118).exceptionalChat(118, 128);
        VodFusionState st = engine.newState("vod-1");
        for (int s = 0; s < 250; s++) {
            if (s < 110 || s >= 118) engine.onChat(st, sc.chatAt(s));
            engine.onAudio(st, sc.audioAt(s));
            engine.onVideo(st, sc.videoAt(s));
        }
        engine.advanceTo(st, 250);
        assertThat(st.lateInputHorizon()).isGreaterThan(118);
        for (int s = 110; s < 118; s++) assertThat(engine.onChat(st, sc.chatAt(s))).isEmpty();
        assertThat(st.droppedLateInputs()).isEqualTo(8);
    }

    @Test
    void wallClockTimeoutForcesPastAStalledModality() {
        Scenario sc = new Scenario(200).exceptionalChat(100, 110);
        VodFusionState st = engine.newState("vod-1");
        List<HighlightUpdate> out = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            out.addAll(engine.onChat(st, sc.chatAt(s)));
            out.addAll(engine.onAudio(st, sc.audioAt(s)));
            if (s < 90) out.addAll(engine.onVideo(st, sc.videoAt(s)));
        }
        long timeout = Scenario.config().modalityTimeoutMillis();
        assertThat(engine.onWallClock(st, 0)).isEmpty();
        assertThat(engine.onWallClock(st, timeout - 1)).isEmpty();
        assertThat(st.fusedUpTo()).isEqualTo(90);
        out.addAll(engine.onWallClock(st, timeout));
        assertThat(st.fusedUpTo()).isEqualTo(200);
        assertThat(out).extracting(HighlightUpdate::startSec, HighlightUpdate::endSec).containsExactly(tuple(98, 112));
    }

    @Test
    void timeoutWaitsOutOnlyOneModality() {
        // Chat runs ahead; audio and video both stall at different seconds: forced to where two of three have data.
        VodFusionState st = engine.newState("vod-1");
        Scenario sc = new Scenario(300);
        for (int s = 0; s < 300; s++) engine.onChat(st, sc.chatAt(s));
        for (int s = 0; s < 120; s++) engine.onAudio(st, sc.audioAt(s));
        for (int s = 0; s < 80; s++) engine.onVideo(st, sc.videoAt(s));
        engine.onWallClock(st, 0);
        engine.onWallClock(st, 60_000);
        assertThat(st.fusedUpTo()).isEqualTo(120);
        // Video is declared absent: now only audio holds fusion back, and it is the one waited out.
        engine.onModalityAbsent(st, Modality.VIDEO);
        engine.onWallClock(st, 70_000);
        engine.onWallClock(st, 130_000);
        assertThat(st.fusedUpTo()).isEqualTo(300);
    }

    @Test
    void progressResetsTheStallClock() {
        VodFusionState st = engine.newState("vod-1");
        Scenario sc = new Scenario(300);
        for (int s = 0; s < 100; s++) {
            engine.onChat(st, sc.chatAt(s));
            engine.onAudio(st, sc.audioAt(s));
        }
        engine.onVideo(st, sc.videoAt(0));
        engine.onWallClock(st, 0);
        engine.onVideo(st, sc.videoAt(1)); // video moves: the stall starts again
        engine.onWallClock(st, 4_000);
        engine.onWallClock(st, 8_000);
        assertThat(st.fusedUpTo()).isEqualTo(2);
        engine.onWallClock(st, 9_000);
        assertThat(st.fusedUpTo()).isEqualTo(100);
    }

    @Test
    void inputsOlderThanTheRetentionAreDropped() {
        Scenario sc = new Scenario(400).exceptionalChat(100, 110);
        VodReplay.Output expected = sc.run(Scenario.config());
        VodFusionState st = engine.newState("vod-1");
        List<HighlightUpdate> out = new ArrayList<>();
        for (Object in : sc.inputs()) out.addAll(VodReplay.feed(engine, st, in));
        long before = st.droppedLateInputs();
        assertThat(engine.onAudio(st, AudioSecond.zScore(5, 9))).isEmpty();
        assertThat(engine.onChat(st, new ChatSecond(5, 3, 99))).isEmpty();
        assertThat(st.droppedLateInputs()).isEqualTo(before + 2);
        out.addAll(engine.onVodEnd(st).updates());
        assertThat(out).isEqualTo(expected.updates());
    }

    @Test
    void aSecondBeyondSevenDaysIsDroppedAndCountedNotStored() {
        VodFusionState st = engine.newState("bogus");
        // A millisecond timestamp in the seconds field: once made the per-second storage grow without end.
        assertThat(engine.onAudio(st, AudioSecond.zScore(Integer.MAX_VALUE - 1, 3))).isEmpty();
        assertThat(engine.onChat(st, new ChatSecond(FusionEngine.MAX_SECOND + 1, 3, 40))).isEmpty();
        assertThat(st.droppedOutOfRangeInputs()).isEqualTo(2);
        assertThat(engine.onModalityFinished(st, Modality.VIDEO, Integer.MAX_VALUE)).isEmpty();
        assertThat(VodFusionState.fromBytes(st.toBytes()).droppedOutOfRangeInputs()).isEqualTo(2);
        // The VOD still ends, with what it had.
        assertThat(engine.onVodEnd(st).summary().ranked()).isEmpty();
    }
}
