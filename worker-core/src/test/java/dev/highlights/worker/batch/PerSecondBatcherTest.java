package dev.highlights.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.worker.onnx.FloatBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerSecondBatcherTest {

    @Test
    void groupsSecondsIntoBatchesOfN() {
        List<List<Long>> seen = new ArrayList<>();
        List<Float> firstValues = new ArrayList<>();
        PerSecondBatcher<Long> batcher = new PerSecondBatcher<>(new FloatBatch(4, 3), (batch, items) -> {
            seen.add(List.copyOf(items));
            for (int i = 0; i < items.size(); i++) {
                assertThat(batch.get(i, 0)).isEqualTo((float) items.get(i));
                assertThat(batch.get(i, 2)).isZero(); // short rows are zero-padded
            }
            firstValues.add(batch.get(0, 1));
        });
        for (long s = 0; s < 10; s++) {
            batcher.add(new float[] {s, s + 0.5f}, 0, 2, s);
        }
        assertThat(batcher.pending()).isEqualTo(2);
        batcher.flush();
        batcher.flush();
        assertThat(seen).containsExactly(List.of(0L, 1L, 2L, 3L), List.of(4L, 5L, 6L, 7L), List.of(8L, 9L));
        assertThat(firstValues).containsExactly(0.5f, 4.5f, 8.5f);
        assertThat(batcher.batches()).isEqualTo(3);
        assertThat(batcher.pending()).isZero();
    }
}
