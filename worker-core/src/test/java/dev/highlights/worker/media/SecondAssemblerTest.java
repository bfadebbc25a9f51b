package dev.highlights.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecondAssemblerTest {
    record Sec(long second, float[] samples, int valid, boolean warmUp) {
    }

    static List<Sec> collect(SecondAssembler[] holder, int rate, long warm, long first, long end) {
        List<Sec> out = new ArrayList<>();
        holder[0] = new SecondAssembler(rate, warm, first, end, (s, x, v, w) -> out.add(new Sec(s, x.clone(), v, w)));
        return out;
    }

    static float[] ramp(long from, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i;
        }
        return x;
    }

    @Test
    void cutsAlignedSecondsWithWarmUpAndStopsAtTheEnd() {
        SecondAssembler[] a = new SecondAssembler[1];
        List<Sec> out = collect(a, 10, 2, 3, 5);
        // samples from index 13 (inside second 1, before the warm-up second) in odd-sized chunks
        long idx = 13;
        while (!a[0].done()) {
            float[] chunk = ramp(idx, 7);
            a[0].accept(idx, chunk, 0, 7);
            idx += 7;
        }
        assertThat(out).extracting(Sec::second).containsExactly(2L, 3L, 4L);
        assertThat(out).extracting(Sec::warmUp).containsExactly(true, false, false);
        assertThat(out.get(1).samples()).containsExactly(ramp(30, 10));
        assertThat(out.get(2).valid()).isEqualTo(10);
        assertThat(a[0].emitted()).isEqualTo(2);
        assertThat(a[0].firstEmitted()).isEqualTo(3);
        assertThat(a[0].lastEmitted()).isEqualTo(4);
    }

    @Test
    void zeroFillsHolesAndEmitsALastPartialSecond() {
        SecondAssembler[] a = new SecondAssembler[1];
        List<Sec> out = collect(a, 10, 0, 0, Long.MAX_VALUE);
        a[0].accept(0, ramp(0, 5), 0, 5);      // second 0, first half
        a[0].accept(25, ramp(25, 10), 0, 10);  // hole 5..24, then 25..34
        a[0].finish();
        assertThat(out).extracting(Sec::second).containsExactly(0L, 1L, 2L, 3L);
        assertThat(out.get(0).samples()).containsExactly(0, 1, 2, 3, 4, 0, 0, 0, 0, 0);
        assertThat(out.get(1).samples()).containsOnly(0f);
        assertThat(out.get(2).samples()).containsExactly(0, 0, 0, 0, 0, 25, 26, 27, 28, 29);
        assertThat(out.get(3).valid()).isEqualTo(5);
        assertThat(Arrays.copyOf(out.get(3).samples(), 5)).containsExactly(30, 31, 32, 33, 34);
    }

    @Test
    void dropsATinyTrailingFragment() {
        SecondAssembler[] a = new SecondAssembler[1];
        List<Sec> out = collect(a, 100, 0, 0, Long.MAX_VALUE);
        a[0].accept(0, ramp(0, 105), 0, 105);
        a[0].finish();
        assertThat(out).extracting(Sec::second).containsExactly(0L);
    }
}
