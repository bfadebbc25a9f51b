package dev.highlights.video.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.worker.media.SampledFrame;
import dev.highlights.worker.media.TestFrames;
import org.junit.jupiter.api.Test;

class ModelInputBuilderTest {
    static final int W = 4;
    static final int H = 2;
    static final int K = 4;
    static final int FS = W * H;

    static byte[] grey(int v) {
        byte[] g = new byte[FS];
        java.util.Arrays.fill(g, (byte) v);
        return g;
    }

    static SampledFrame frame(long second, int slot, int b, int g, int r) {
        byte[] p = new byte[FS * 3];
        for (int i = 0; i < FS; i++) {
            p[3 * i] = (byte) b;
            p[3 * i + 1] = (byte) g;
            p[3 * i + 2] = (byte) r;
        }
        return TestFrames.bgr(W, H, K, second, slot, p);
    }

    static float frameValue(float[] row, int pos) {
        return row[pos * FS];
    }

    @Test
    void greyRowsCarryThePreviousSampleAndRepeatMissingOnes() {
        ModelInputBuilder b = new ModelInputBuilder(InputLayout.GREY_FRAMES, K, H, W);
        assertThat(b.rowLength()).isEqualTo((K + 1) * FS);
        // Second 0 starts at slot 2 (nothing before): frame 0..2 repeat the first sample.
        b.add(frame(0, 2, 0, 0, 0), grey(51));
        b.add(frame(0, 3, 0, 0, 0), grey(102));
        float[] row = b.closeSecond();
        assertThat(new float[] {frameValue(row, 0), frameValue(row, 1), frameValue(row, 2), frameValue(row, 3), frameValue(row, 4)})
                .usingComparatorWithPrecision(1e-6f).containsExactly(0.2f, 0.2f, 0.2f, 0.2f, 0.4f);
        // Second 1: frame 0 is second 0's last sample; slot 2 missing repeats slot 1; slot 3 missing too.
        b.add(frame(1, 0, 0, 0, 0), grey(153));
        b.add(frame(1, 1, 0, 0, 0), grey(204));
        row = b.closeSecond();
        assertThat(new float[] {frameValue(row, 0), frameValue(row, 1), frameValue(row, 2), frameValue(row, 3), frameValue(row, 4)})
                .usingComparatorWithPrecision(1e-6f).containsExactly(0.4f, 0.6f, 0.8f, 0.8f, 0.8f);
        for (int i = 0; i < row.length; i++) {
            assertThat(row[i]).isEqualTo(row[(i / FS) * FS]); // uniform frames
        }
        // After a reset, nothing carries over.
        b.reset();
        b.add(frame(5, 1, 0, 0, 0), grey(255));
        row = b.closeSecond();
        assertThat(frameValue(row, 0)).isEqualTo(1f);
    }

    @Test
    void rgbRowIsTheMiddleSampleInPlanarRgb() {
        ModelInputBuilder b = new ModelInputBuilder(InputLayout.RGB_FRAME, K, H, W);
        assertThat(b.rowLength()).isEqualTo(3 * FS);
        b.add(frame(0, 0, 255, 0, 0), grey(0));  // blue
        b.add(frame(0, 1, 0, 255, 0), grey(0));  // green
        b.add(frame(0, 2, 0, 0, 255), grey(0));  // red: slot K/2, the one kept
        b.add(frame(0, 3, 255, 255, 255), grey(0));
        float[] row = b.closeSecond();
        assertThat(row[0]).isEqualTo(1f);        // R plane
        assertThat(row[FS]).isEqualTo(0f);       // G plane
        assertThat(row[2 * FS]).isEqualTo(0f);   // B plane
        // A second that starts after the middle keeps its first sample.
        b.add(frame(1, 3, 255, 0, 0), grey(0));
        row = b.closeSecond();
        assertThat(row[2 * FS + FS - 1]).isEqualTo(1f);
        assertThat(row[0]).isEqualTo(0f);
    }
}
