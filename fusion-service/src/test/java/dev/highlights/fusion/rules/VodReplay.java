package dev.highlights.fusion.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds per-second inputs to a {@link FusionEngine}: the plumbing of tests and the entry point of microbenchmarks
 * (e.g. {@code run(engine, "vod", inputs(SyntheticVod.generate(1, 36_000, 0, 60)))} for a 10 h VOD). Inputs are
 * {@link ChatSecond}, {@link AudioSecond} and {@link VideoSecond} objects in any order.
 */
public final class VodReplay {
    private VodReplay() {
    }

    /** Every update emitted while feeding and ending, and the final summary. */
    public record Output(List<HighlightUpdate> updates, VodSummary summary) {
    }

    /**
     * Raw-feature inputs of a synthetic VOD in the reference's units (linear audio energy, motion in grey levels), second
     * by second (chat, audio, video of second 0, then of second 1, ...).
     */
    public static List<Object> inputs(SyntheticVod vod) {
        return inputs(vod, DetectionRule.REFERENCE);
    }

    /** The same in the units the service feeds the rule with: under CONFIRMED, audio and motion in decibels. */
    public static List<Object> inputs(SyntheticVod vod, DetectionRule rule) {
        boolean decibels = rule == DetectionRule.CONFIRMED;
        List<Object> in = new ArrayList<>(3 * vod.seconds());
        for (int s = 0; s < vod.seconds(); s++) {
            double audio = vod.audioEnergy()[s];
            double motion = vod.motion()[s];
            in.add(new ChatSecond(s, vod.chatPoints()[s], vod.chatCounts()[s]));
            in.add(AudioSecond.energy(s, decibels ? 20 * Math.log10(Math.max(audio, 1e-5)) : audio));
            in.add(VideoSecond.raw(s, vod.brightness()[s], decibels ? 20 * Math.log10(1 + Math.max(0, motion)) : motion,
                    vod.staticScreen()[s], vod.sceneCut()[s]));
        }
        return in;
    }

    /** Feeds one input. */
    public static List<HighlightUpdate> feed(FusionEngine engine, VodFusionState st, Object input) {
        if (input instanceof ChatSecond c) return engine.onChat(st, c);
        if (input instanceof AudioSecond a) return engine.onAudio(st, a);
        if (input instanceof VideoSecond v) return engine.onVideo(st, v);
        throw new IllegalArgumentException("not a fusion input: " + input);
    }

    /** Feeds all inputs into a fresh state, then ends the VOD. */
    public static Output run(FusionEngine engine, String vodId, List<?> inputs) {
        VodFusionState st = engine.newState(vodId);
        List<HighlightUpdate> updates = new ArrayList<>();
        for (Object in : inputs) updates.addAll(feed(engine, st, in));
        VodResult end = engine.onVodEnd(st);
        updates.addAll(end.updates());
        return new Output(updates, end.summary());
    }

    /** Fused seconds of a run, for throughput figures: the VOD's length. */
    public static int fusedSeconds(VodFusionState st) {
        return st.fusedUpTo();
    }
}
