package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The microbenchmark entry points work at scale (no timing assertions: figures belong in benchmarks). */
class ReplayApiTest {

    @Test
    void tenHourVodThroughTheReplayApi() {
        SyntheticVod vod = SyntheticVod.generate(42, 36_000, 5, 60);
        FusionEngine engine = new FusionEngine(FusionServiceConfig.shippedRules());
        List<Object> inputs = VodReplay.inputs(vod, engine.config().detection());
        assertThat(inputs).hasSize(3 * 36_000);
        VodReplay.Output out = VodReplay.run(engine, "vod-10h", inputs);
        assertThat(out.summary().ranked()).hasSizeGreaterThan(150);
        assertThat(out.summary().chatLagSec()).isEqualTo(5);
        // Every event clearly long enough to be a highlight ends up in one (at exactly the minimum, the rolling z-score of
        // an edge second decides).
        List<int[]> longEnough = new java.util.ArrayList<>();
        for (int i = 0; i < vod.events().length; i++) {
            int e = vod.events()[i];
            if (vod.lengths()[i] > engine.config().minDurationSec()) longEnough.add(new int[] {e, e + vod.lengths()[i]});
        }
        assertThat(longEnough).hasSizeGreaterThan(100).allSatisfy(e -> assertThat(out.summary().ranked())
                .anySatisfy(h -> assertThat(h.startSec() < e[1] && h.endSec() > e[0]).isTrue()));
    }

    @Test
    void syntheticVodsAreDeterministic() {
        SyntheticVod a = SyntheticVod.generate(3, 600, 2, 60);
        SyntheticVod b = SyntheticVod.generate(3, 600, 2, 60);
        assertThat(a.chatCounts()).isEqualTo(b.chatCounts());
        assertThat(a.audioEnergy()).isEqualTo(b.audioEnergy());
        assertThat(a.events()).isEqualTo(b.events());
    }
}
