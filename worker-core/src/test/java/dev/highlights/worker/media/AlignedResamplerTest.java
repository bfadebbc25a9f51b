package dev.highlights.worker.media;

import dev.highlights.media.FfmpegNatives;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlignedResamplerTest {

    @BeforeAll
    static void ffmpeg() {
        FfmpegNatives.init();
    }

    /** Absolute output index -> sample, feeding {@code signal[from..]} in frames of {@code frame}. */
    static Map<Long, Float> run(int inRate, float[] signal, int from, int frame) {
        Map<Long, Float> out = new HashMap<>();
        try (AlignedResampler r = new AlignedResampler(inRate, 16000)) {
            AlignedResampler.Output o = (idx, x, off, len) -> {
                for (int i = 0; i < len; i++) {
                    out.put(idx + i, x[off + i]);
                }
            };
            for (int i = from; i < signal.length; i += frame) {
                int n = Math.min(frame, signal.length - i);
                float[] chunk = new float[n];
                System.arraycopy(signal, i, chunk, 0, n);
                r.push(i, chunk, 0, n, o, () -> false);
            }
            r.flush(o);
        }
        return out;
    }

    static float[] noise(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        return x;
    }

    @Test
    void aLaterStartGivesTheSameSamplesAsTheFullRun() {
        for (int rate : new int[] {48000, 44100, 22050, 8000}) {
            float[] x = noise(rate * 3, rate);
            Map<Long, Float> full = run(rate, x, 0, 1024);
            Map<Long, Float> late = run(rate, x, rate + 777, 1000); // odd start, different chunking
            long from = 16000L * 3 / 2; // well after the late start plus filter warm-up
            long to = 16000L * 5 / 2;
            for (long k = from; k < to; k++) {
                assertThat(late.get(k)).as("rate %d sample %d", rate, k).isEqualTo(full.get(k));
            }
            assertThat((double) full.size()).as("output length at %d Hz", rate).isCloseTo(48000, within(64.0));
        }
    }

    @Test
    void anImpulseLandsAtItsMediaTime() {
        int rate = 44100;
        float[] x = new float[rate * 2];
        int at = 55125; // 1.25 s
        x[at] = 1f;
        Map<Long, Float> out = run(rate, x, 0, 1024);
        long best = out.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(best).isBetween(20000L - 1, 20000L + 1);
    }

    @Test
    void passThroughAt16kHzKeepsIndices() {
        float[] x = noise(16000, 1);
        Map<Long, Float> out = run(16000, x, 100, 333);
        assertThat(out.get(100L)).isEqualTo(x[100]);
        assertThat(out.get(15999L)).isEqualTo(x[15999]);
        assertThat(out).doesNotContainKey(99L);
    }

    @Test
    void gapsAreZeroFilledAndOverlapsDropped() {
        Map<Long, Float> out = new HashMap<>();
        try (AlignedResampler r = new AlignedResampler(16000, 16000)) {
            AlignedResampler.Output o = (idx, x, off, len) -> {
                for (int i = 0; i < len; i++) {
                    out.merge(idx + i, x[off + i], (a, b) -> {
                        throw new AssertionError("index written twice: " + (idx));
                    });
                }
            };
            float[] ones = new float[1000];
            java.util.Arrays.fill(ones, 1f);
            r.push(0, ones, 0, 1000, o, () -> false);
            r.push(3000, ones, 0, 1000, o, () -> false);  // 2000-sample gap
            r.push(3500, ones, 0, 1000, o, () -> false);  // 500-sample overlap
        }
        assertThat(out.get(1500L)).isZero();
        assertThat(out.get(3000L)).isEqualTo(1f);
        assertThat(out).hasSize(4500);
    }
}
