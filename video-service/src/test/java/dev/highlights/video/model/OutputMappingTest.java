package dev.highlights.video.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutputMappingTest {

    @Test
    void identityClampsOneValue() {
        OutputMapping m = OutputMapping.identity();
        assertThat(m.score(new float[] {0.25f}, 0, 1)).isEqualTo(0.25f);
        assertThat(m.score(new float[] {7f}, 0, 1)).isEqualTo(1f);
        assertThat(m.score(new float[] {-3f}, 0, 1)).isEqualTo(0f);
        assertThat(m.score(new float[] {Float.NaN}, 0, 1)).isEqualTo(0f);
        assertThatThrownBy(() -> m.score(new float[] {1, 2}, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index or linear-head weights");
    }

    @Test
    void linearHeadIsASigmoidOfTheDotProduct() {
        OutputMapping m = OutputMapping.linearHead("emb", new float[] {1f, -2f, 0.5f}, 0.1f);
        float[] x = {9f, 0.3f, 0.2f, -0.4f, 9f};
        double z = 0.3 * 1 + 0.2 * -2 + -0.4 * 0.5 + 0.1;
        assertThat((double) m.score(x, 1, 3)).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-6));
        assertThatThrownBy(() -> m.score(x, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnPicksOneValue() {
        OutputMapping m = OutputMapping.column("probs", 2);
        assertThat(m.score(new float[] {0.1f, 0.2f, 0.7f}, 0, 3)).isEqualTo(0.7f);
        assertThatThrownBy(() -> m.score(new float[] {0.1f, 0.2f}, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
