package dev.highlights.fusion.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalBuilderTest {

    private static List<IntervalBuilder.Run> runs(IntervalBuilder b, String flags) {
        List<IntervalBuilder.Run> out = new ArrayList<>();
        for (int s = 0; s < flags.length(); s++) {
            IntervalBuilder.Run r = b.accept(s, flags.charAt(s) == 'x', flags.charAt(s) == 'S');
            if (r != null) out.add(r);
        }
        IntervalBuilder.Run last = b.finish(flags.length());
        if (last != null) out.add(last);
        return out;
    }

    @Test
    void joinsGapsUpToMaxGapAndBreaksOnStatic() {
        assertThat(runs(new IntervalBuilder(3), "..xx...xx....xx.xSx"))
                .containsExactly(new IntervalBuilder.Run(2, 9), new IntervalBuilder.Run(13, 17), new IntervalBuilder.Run(18, 19));
    }

    @Test
    void idlePoints() {
        IntervalBuilder b = new IntervalBuilder(3);
        String flags = "....xx......xx...";
        for (int s = 0; s < flags.length(); s++) b.accept(s, flags.charAt(s) == 'x', false);
        // Run [4, 6) closes when second 9 is fed: busy over [4, 10).
        assertThat(b.idlePointAtOrBefore(3)).isEqualTo(3);
        assertThat(b.idlePointAtOrBefore(4)).isEqualTo(4);
        assertThat(b.idlePointAtOrBefore(7)).isEqualTo(4);
        assertThat(b.idlePointAtOrBefore(9)).isEqualTo(4);
        assertThat(b.idlePointAtOrBefore(10)).isEqualTo(10);
        // Run [12, 14) is still open at 16 (16 - 13 = 3 <= maxGap).
        assertThat(b.isOpen()).isTrue();
        assertThat(b.idlePointAtOrBefore(15)).isEqualTo(12);
        b.forgetBefore(10);
        assertThat(b.idlePointAtOrBefore(7)).isEqualTo(7); // forgotten: the caller never asks below its horizon
    }
}
