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
        List<Object> inputs = VodReplay.inputs(vod);
        assertThat(inputs).hasSize(3 * 36_000);
        FusionEngine engine = new FusionEngine(FusionServiceConfig.shippedRules());
        VodReplay.Output out = VodReplay.run(engine, "vod-10h", inputs);
        assertThat(out.summary().ranked()).hasSizeGreaterThan(150);
        assertThat(out.summary().chatLagSec()).isEqualTo(5);
        // Every event after the lag is known ends up in one highlight.
        long covered = java.util.Arrays.stream(vod.events()).filter(e -> e > 1200)
                .filter(e -> out.summary().ranked().stream().anyMatch(h -> h.startSec() <= e && h.endSec() > e)).count();
        assertThat(covered).isEqualTo(java.util.Arrays.stream(vod.events()).filter(e -> e > 1200).count());
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
