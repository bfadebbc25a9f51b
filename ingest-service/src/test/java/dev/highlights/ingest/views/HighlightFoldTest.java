package dev.highlights.ingest.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.avro.Highlight;
import dev.highlights.avro.HighlightEvent;
import dev.highlights.ingest.support.Records;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightFoldTest {

    private static HighlightEvent h(String id, int revision, double start) {
        return Records.event(Records.highlight("v", id, revision, start, start + 12, 1.0 + revision));
    }

    @Test
    void keepsTheHighestRevisionAndOrdersByStartUntilTheSummary() {
        VodHighlights state = new VodHighlights("v");
        assertThat(HighlightFold.apply(state, h("b", 1, 40))).isPresent();
        assertThat(HighlightFold.apply(state, h("a", 1, 10))).isPresent();
        assertThat(HighlightFold.apply(state, h("a", 3, 9))).get().isInstanceOfSatisfying(HighlightFold.HighlightUpdate.class,
                u -> assertThat(u.highlight().revision()).isEqualTo(3));
        assertThat(HighlightFold.apply(state, h("a", 2, 11))).isEmpty();
        assertThat(HighlightFold.apply(state, h("a", 3, 9))).isEmpty();
        assertThat(state.isFinal()).isFalse();
        assertThat(state.list()).extracting(HighlightView::highlightId).containsExactly("a", "b");
        assertThat(state.get("a").startSec()).isEqualTo(9.0);
    }

    @Test
    void theSummaryRanksAndIsFinal() {
        VodHighlights state = new VodHighlights("v");
        HighlightFold.apply(state, h("a", 1, 10));
        HighlightFold.apply(state, h("c", 1, 70));
        List<Highlight> ranked = new ArrayList<>(List.of(Records.highlight("v", "b", 1, 40, 70, 2),
                Records.highlight("v", "a", 2, 8, 22, 1.5)));
        assertThat(HighlightFold.apply(state, Records.summary("v", ranked))).get()
                .isInstanceOfSatisfying(HighlightFold.SummaryUpdate.class,
                        u -> assertThat(u.ranked()).extracting(HighlightView::highlightId).containsExactly("b", "a", "c"));
        assertThat(state.isFinal()).isTrue();
        assertThat(state.ordering()).isEqualTo("DURATION_THEN_MEAN_SCORE");
        assertThat(state.list()).extracting(HighlightView::rank).containsExactly(1, 2, null);
        assertThat(state.get("a").revision()).isEqualTo(2);
        // The same summary again changes nothing; the state survives its JSON form.
        assertThat(HighlightFold.apply(state, Records.summary("v", ranked))).isEmpty();
        VodHighlights back = ViewJson.read(ViewJson.write(state), VodHighlights.class);
        assertThat(back.list()).isEqualTo(state.list());
        assertThat(back.isFinal()).isTrue();
    }

    @Test
    void aRunningHighlightIsShownOpenUntilItsClosingRevision() {
        VodHighlights state = new VodHighlights("v");
        Highlight running = Records.highlight("v", "a", 1, 10, 20, 1.5);
        running.setOpen(true);
        HighlightFold.apply(state, Records.event(running));
        assertThat(state.get("a").open()).isTrue();
        HighlightFold.apply(state, Records.event(Records.highlight("v", "a", 2, 10, 26, 1.6)));
        assertThat(state.get("a").open()).isFalse();
        assertThat(state.get("a").endSec()).isEqualTo(26.0);
        VodHighlights back = ViewJson.read(ViewJson.write(state), VodHighlights.class);
        assertThat(back.list()).isEqualTo(state.list());
    }
}
