package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** toBytes/fromBytes: a restored state continues exactly like the uninterrupted one. */
class SnapshotTest {
    private final FusionEngine engine = new FusionEngine(FusionServiceConfig.shippedRules());

    /**
     * A VOD with a lag to estimate, a stalled video that a timeout forces past, late video afterwards (revisions),
     * duplicates, and the end. {@code restore} is applied to the state before every call.
     */
    private List<HighlightUpdate> run(UnaryOperator<VodFusionState> restore) {
        SyntheticVod vod = SyntheticVod.generate(5, 2400, 5, 60).withStatic(1500, 1530);
        List<Object> inputs = VodReplay.inputs(vod, engine.config().detection());
        List<HighlightUpdate> out = new ArrayList<>();
        VodFusionState st = engine.newState("vod-snap");
        long now = 0;
        List<Object> heldBack = new ArrayList<>();
        for (Object in : inputs) {
            // Video of 1060..1099 (an event at 1077) is held back until timeouts have forced the frontier past it.
            if (in instanceof VideoSecond v && v.second() >= 1060 && v.second() < 1100) {
                heldBack.add(in);
                continue;
            }
            st = restore.apply(st);
            out.addAll(VodReplay.feed(engine, st, in));
            if (in instanceof ChatSecond c && c.second() % 10 == 0) {
                st = restore.apply(st);
                out.addAll(engine.onWallClock(st, now += 6_000));
            }
            if (in instanceof ChatSecond c && c.second() == 1125) {
                for (Object late : heldBack) {
                    st = restore.apply(st);
                    out.addAll(VodReplay.feed(engine, st, late));
                }
                for (int i = 0; i < 30; i++) { // replays of recent inputs
                    st = restore.apply(st);
                    out.addAll(VodReplay.feed(engine, st, inputs.get(3 * 1120 + i)));
                }
            }
        }
        st = restore.apply(st);
        out.addAll(engine.onVodEnd(st).updates());
        out.addAll(engine.summary(st).ranked());
        return out;
    }

    @Test
    void restoringBeforeEveryCallGivesIdenticalEvents() {
        List<HighlightUpdate> uninterrupted = run(UnaryOperator.identity());
        assertThat(uninterrupted).hasSizeGreaterThan(10);
        assertThat(uninterrupted).anyMatch(h -> h.revision() > 1); // the scenario does exercise revisions
        assertThat(run(st -> VodFusionState.fromBytes(st.toBytes()))).isEqualTo(uninterrupted);
    }

    @ParameterizedTest(name = "stop after {0} inputs")
    @ValueSource(ints = {1, 500, 1503, 3333, 4000, 7001})
    void stoppingMidVodAndContinuingGivesIdenticalEvents(int stopAfter) {
        List<HighlightUpdate> uninterrupted = run(UnaryOperator.identity());
        int[] calls = {0};
        assertThat(run(st -> ++calls[0] == stopAfter ? VodFusionState.fromBytes(st.toBytes()) : st)).isEqualTo(uninterrupted);
    }

    @Test
    void bytesRoundTripExactly() {
        SyntheticVod vod = SyntheticVod.generate(9, 900, 3, 60);
        VodFusionState st = engine.newState("vod-rt");
        for (Object in : VodReplay.inputs(vod, engine.config().detection()).subList(0, 2000)) {
            VodReplay.feed(engine, st, in);
        }
        byte[] bytes = st.toBytes();
        VodFusionState copy = VodFusionState.fromBytes(bytes);
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.vodId()).isEqualTo("vod-rt");
        assertThat(copy.fusedUpTo()).isEqualTo(st.fusedUpTo());
        assertThat(copy.liveHighlights()).isEqualTo(st.liveHighlights());
    }

    @Test
    void corruptBytesAreRejected() {
        byte[] bytes = engine.newState("v").toBytes();
        bytes[3] = 99;
        assertThatThrownBy(() -> VodFusionState.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
        byte[] ok = engine.newState("v").toBytes();
        assertThatThrownBy(() -> VodFusionState.fromBytes(java.util.Arrays.copyOf(ok, ok.length - 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateStaysBoundedOnALongVod() {
        // 10 h, in order: per-second data stays around retainSec plus the longest interval, whatever the length.
        SyntheticVod vod = SyntheticVod.generate(21, 36_000, 4, 60);
        VodFusionState st = engine.newState("vod-long");
        int maxRetained = 0;
        int maxBytes = 0;
        int i = 0;
        for (Object in : VodReplay.inputs(vod, engine.config().detection())) {
            VodReplay.feed(engine, st, in);
            maxRetained = Math.max(maxRetained, st.retainedSeconds());
            if (++i % 3000 == 0) maxBytes = Math.max(maxBytes, st.toBytes().length);
        }
        FusionConfig c = engine.config();
        int longestInterval = 25 + 4 + c.maxGapSec();
        assertThat(maxRetained).isLessThanOrEqualTo(c.retainSec() + longestInterval + c.smoothingRadiusSec() + c.maxGapSec() + 30);
        int highlights = st.liveHighlights().size();
        assertThat(highlights).isGreaterThan(100);
        // Per-second data + three rolling baselines + the lag estimator + ~200 bytes per emitted highlight.
        assertThat(maxBytes).isLessThan(12_000 + 250 * highlights);
    }
}
