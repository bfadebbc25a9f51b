package dev.highlights.video.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FarnebackFlowTest {

    /** A smooth texture, shifted right by {@code dx} pixels. */
    static byte[] texture(int w, int h, double dx) {
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - dx;
                double v = 128 + 60 * Math.sin(u / 4.0) * Math.cos(y / 5.0) + 40 * Math.sin((u + 2 * y) / 9.0);
                p[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return p;
    }

    @Test
    void measuresAKnownShift() {
        int w = 160;
        int h = 90;
        try (FarnebackFlow flow = new FarnebackFlow(w, h)) {
            byte[] a = texture(w, h, 0);
            assertThat(flow.meanMagnitude(a, a)).isLessThan(0.01);
            // Borders lose some flow; the mean over the frame is close to the shift.
            assertThat(flow.meanMagnitude(a, texture(w, h, 2))).isCloseTo(2.0, within(0.3));
            assertThat(flow.meanMagnitude(a, texture(w, h, 4))).isCloseTo(4.0, within(0.6));
        }
    }
}
