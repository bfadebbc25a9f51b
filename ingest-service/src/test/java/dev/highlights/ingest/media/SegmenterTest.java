package dev.highlights.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    @Test
    void fixedSlicesWithPreRollAndAShortLastOne() {
        assertThat(Segmenter.fixed(700.0, 300, 5)).containsExactly(
                new Segmenter.Slice(0, 300, 0), new Segmenter.Slice(300, 600, 5), new Segmenter.Slice(600, 700, 5));
        assertThat(Segmenter.fixed(600.0, 300, 5)).hasSize(2);
        assertThat(Segmenter.fixed(2.0, 300, 5)).containsExactly(new Segmenter.Slice(0, 2, 0));
        // Pre-roll never reaches before 0.
        assertThat(Segmenter.fixed(20.0, 3, 5).get(1).preRollSec()).isEqualTo(3.0);
    }

    @Test
    void unknownDurationIsOneOpenSlice() {
        assertThat(Segmenter.fixed(null, 300, 5)).containsExactly(new Segmenter.Slice(0, Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void playlistSegmentsAreGroupedOnTheirBoundaries() {
        assertThat(Segmenter.grouped(List.of(4.0, 4.0, 4.0, 4.0, 4.0), 8, 5)).containsExactly(
                new Segmenter.Slice(0, 8, 0), new Segmenter.Slice(8, 16, 5), new Segmenter.Slice(16, 20, 5));
        assertThat(Segmenter.grouped(List.of(6.0, 6.0, 6.0), 10, 2)).containsExactly(
                new Segmenter.Slice(0, 12, 0), new Segmenter.Slice(12, 18, 2));
        assertThat(Segmenter.grouped(List.of(), 10, 2)).isEmpty();
    }

    @Test
    void badLengthsAreRefused() {
        assertThatThrownBy(() -> Segmenter.fixed(10.0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Segmenter.grouped(List.of(1.0), 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
