package dev.highlights.fusion.rules;

import dev.highlights.fusion.FusionServiceConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A hand-written VOD for table tests: z-score inputs, every second present unless a modality is left out. */
final class Scenario {
    final int seconds;
    final double[] chat;
    final int[] counts;
    final double[] reactionShare;
    final double[] newcomerShare;
    final double[] audioZ;
    final double[] videoZ;
    final boolean[] staticScreen;
    final boolean[] cut;
    final Set<Modality> absent = EnumSet.noneOf(Modality.class);

    Scenario(int seconds) {
        this.seconds = seconds;
        chat = new double[seconds];
        counts = new int[seconds];
        Arrays.fill(counts, 4);
        reactionShare = new double[seconds];
        Arrays.fill(reactionShare, 1.0);
        newcomerShare = new double[seconds];
        audioZ = new double[seconds];
        videoZ = new double[seconds];
        staticScreen = new boolean[seconds];
        cut = new boolean[seconds];
    }

    /** Chat points over [from, to) with a message count. */
    Scenario chat(int from, int to, double points, int messages) {
        for (int s = from; s < to; s++) {
            chat[s] = points;
            counts[s] = messages;
        }
        return this;
    }

    Scenario exceptionalChat(int from, int to) {
        return chat(from, to, 3, 34);
    }

    /** The share of the messages over [from, to) that read as reactions (1 unless set). */
    Scenario reactions(int from, int to, double share) {
        for (int s = from; s < to; s++) reactionShare[s] = share;
        return this;
    }

    /** The share of the messages over [from, to) from chatters new to the VOD (0 unless set). */
    Scenario newcomers(int from, int to, double share) {
        for (int s = from; s < to; s++) newcomerShare[s] = share;
        return this;
    }

    Scenario audio(int from, int to, double z) {
        for (int s = from; s < to; s++) audioZ[s] = z;
        return this;
    }

    Scenario video(int from, int to, double z) {
        for (int s = from; s < to; s++) videoZ[s] = z;
        return this;
    }

    Scenario staticScreen(int from, int to) {
        for (int s = from; s < to; s++) staticScreen[s] = true;
        return this;
    }

    Scenario cutAt(int s) {
        cut[s] = true;
        return this;
    }

    Scenario without(Modality m) {
        absent.add(m);
        return this;
    }

    ChatSecond chatAt(int s) {
        return new ChatSecond(s, chat[s], counts[s], reactionShare[s], newcomerShare[s]);
    }

    AudioSecond audioAt(int s) {
        return AudioSecond.zScore(s, audioZ[s]);
    }

    VideoSecond videoAt(int s) {
        return VideoSecond.zScores(s, videoZ[s], videoZ[s], staticScreen[s], cut[s]);
    }

    /** Inputs second by second: chat, audio, video of each second in turn; absent modalities left out. */
    List<Object> inputs() {
        List<Object> in = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            if (!absent.contains(Modality.CHAT)) in.add(chatAt(s));
            if (!absent.contains(Modality.AUDIO)) in.add(audioAt(s));
            if (!absent.contains(Modality.VIDEO)) in.add(videoAt(s));
        }
        return in;
    }

    /** A state with the absent modalities declared. */
    VodFusionState start(FusionEngine engine, String vodId, List<HighlightUpdate> out) {
        VodFusionState st = engine.newState(vodId);
        for (Modality m : absent) out.addAll(engine.onModalityAbsent(st, m));
        return st;
    }

    VodReplay.Output run(FusionConfig config) {
        return run(config, inputs());
    }

    VodReplay.Output run(FusionConfig config, List<Object> inputs) {
        FusionEngine engine = new FusionEngine(config);
        List<HighlightUpdate> out = new ArrayList<>();
        VodFusionState st = start(engine, "vod-1", out);
        for (Object in : inputs) out.addAll(VodReplay.feed(engine, st, in));
        VodResult end = engine.onVodEnd(st);
        out.addAll(end.updates());
        return new VodReplay.Output(out, end.summary());
    }

    /**
     * The shipped rules on the REFERENCE detection with fixed lag 0 and one event per closed interval: the mechanics
     * tests (smoothing, gaps, late inputs, snapshots) compute the reference flags by hand, one rule at a time.
     */
    static FusionConfig config() {
        return FusionServiceConfig.shippedRules().toBuilder().detection(DetectionRule.REFERENCE).fixedChatLag(0)
                .emitOpenIntervals(false).build();
    }

    static List<int[]> spans(VodReplay.Output out) {
        List<int[]> spans = new ArrayList<>();
        for (HighlightUpdate h : out.summary().ranked()) spans.add(new int[] {h.startSec(), h.endSec()});
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        return spans;
    }
}
