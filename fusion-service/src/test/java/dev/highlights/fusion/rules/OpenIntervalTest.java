package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FusionConfig#emitOpenIntervals()}: running intervals are sent early and closed by a final revision. */
class OpenIntervalTest {
    private static final FusionConfig OPEN = Scenario.config().toBuilder().emitOpenIntervals(true).build();

    @Test
    void aRunningIntervalIsSentOnceLongEnoughThenGrowsThenCloses() {
        // Interval [98, 112): long enough once [98, 108) is final, i.e. the flag of 107 is final, which needs the media
        // up to 107 + 3 fused. Each further second is in a revision 3 s (the lookahead) after it; the closing revision
        // needs the gap: 111 + 4 + 3 = 118, as without open intervals.
        Scenario sc = new Scenario(200).exceptionalChat(100, 110);
        FusionEngine engine = new FusionEngine(OPEN);
        VodFusionState st = engine.newState("vod-1");
        List<Object[]> emitted = new ArrayList<>(); // {media second of the input, update}
        for (Object in : sc.inputs()) {
            for (HighlightUpdate u : VodReplay.feed(engine, st, in)) emitted.add(new Object[] {second(in), u});
        }
        assertThat(emitted).extracting(e -> e[0], e -> ((HighlightUpdate) e[1]).startSec(),
                        e -> ((HighlightUpdate) e[1]).endSec(), e -> ((HighlightUpdate) e[1]).revision(),
                        e -> ((HighlightUpdate) e[1]).open())
                .containsExactly(
                        tuple(110, 98, 108, 1, true),
                        tuple(111, 98, 109, 2, true),
                        tuple(112, 98, 110, 3, true),
                        tuple(113, 98, 111, 4, true),
                        tuple(114, 98, 112, 5, true),
                        tuple(118, 98, 112, 6, false));
        assertThat(emitted).extracting(e -> ((HighlightUpdate) e[1]).highlightId()).containsOnly(HighlightIds.of("vod-1", 98, 0));

        HighlightUpdate closing = (HighlightUpdate) emitted.get(emitted.size() - 1)[1];
        HighlightUpdate closedOnly = sc.run(Scenario.config()).updates().get(0);
        assertThat(closing.withRevision(1)).isEqualTo(closedOnly.withRevision(1));
    }

    @Test
    void shortRunsAreNeverSentOpen() {
        VodReplay.Output out = new Scenario(200).exceptionalChat(100, 105).run(OPEN);
        assertThat(out.updates()).isEmpty();
    }

    @Test
    void theVodEndClosesARunningInterval() {
        VodReplay.Output out = new Scenario(200).exceptionalChat(180, 200).run(OPEN);
        HighlightUpdate last = out.updates().get(out.updates().size() - 1);
        assertThat(out.updates().get(0).open()).isTrue();
        assertThat(last.open()).isFalse();
        assertThat(last.endSec()).isEqualTo(200);
        assertThat(out.summary().ranked()).extracting(HighlightUpdate::open).containsExactly(false);
    }

    @Test
    void finalHighlightsAreTheSameWithOrWithoutOpenIntervals() {
        Random random = new Random(7);
        for (int vod = 0; vod < 20; vod++) {
            Scenario sc = new Scenario(900);
            for (int at = 30 + random.nextInt(40); at < 860; at += 40 + random.nextInt(80)) {
                sc.chat(at, at + 3 + random.nextInt(25), 1 + random.nextInt(3), 20 + random.nextInt(30));
                if (random.nextBoolean()) sc.audio(at - 5, at + 10, 1 + 4 * random.nextDouble());
                if (random.nextBoolean()) sc.video(at - 3, at + 5, 3 * random.nextDouble());
                if (random.nextInt(4) == 0) sc.cutAt(at - 1 - random.nextInt(4));
                if (random.nextInt(6) == 0) sc.staticScreen(at + 4, at + 6);
            }
            List<Object> inputs = sc.inputs();
            if (vod % 2 == 1) Collections.shuffle(inputs, random); // out of order too: late inputs revise
            VodReplay.Output closed = sc.run(Scenario.config(), inputs);
            VodReplay.Output open = sc.run(OPEN, inputs);

            assertThat(open.summary().ranked()).extracting(OpenIntervalTest::content)
                    .as("vod %d", vod).containsExactlyElementsOf(closed.summary().ranked().stream().map(OpenIntervalTest::content).toList());
            assertThat(open.summary().ranked()).extracting(HighlightUpdate::highlightId)
                    .containsExactlyElementsOf(closed.summary().ranked().stream().map(HighlightUpdate::highlightId).toList());
        }
    }

    private static HighlightUpdate content(HighlightUpdate h) {
        return h.withRevision(0);
    }

    private static int second(Object in) {
        if (in instanceof ChatSecond c) return c.second();
        if (in instanceof AudioSecond a) return a.second();
        return ((VideoSecond) in).second();
    }
}
