package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void durationsReadAsMinutesAndSecondsThenHours() {
        assertThat(ProgressDisplay.duration(0)).isEqualTo("0:00");
        assertThat(ProgressDisplay.duration(61_400)).isEqualTo("1:01");
        assertThat(ProgressDisplay.duration(3_725_000)).isEqualTo("1:02:05");
    }

    @Test
    void plainOutputPrintsALineOnlyWhenAStageMovesOrChangesState() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Clock.fixed(Instant.parse("2026-12-07T12:00:05Z"), ZoneOffset.UTC));
        String running = "{\"stages\":{\"AUDIO\":{\"state\":\"RUNNING\",\"progress\":%s,\"elapsedMs\":%d,"
                + "\"remainingMs\":%d,\"errorCount\":%d}}}";
        display.update(JSON.readTree(running.formatted("0.1", 2_000, 18_000, 0)));
        display.update(JSON.readTree(running.formatted("0.12", 2_400, 17_600, 0)));
        display.update(JSON.readTree(running.formatted("0.5", 12_000, 12_000, 1)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\033[");
        assertThat(text.lines().filter(l -> l.contains("progress audio")).toList()).containsExactly(
                "12:00:05 progress audio   10% RUNNING 0:02 elapsed, ~0:18 left",
                "12:00:05 progress audio   50% RUNNING 0:12 elapsed, ~0:12 left (1 error)");
        assertThat(text.lines().filter(l -> l.contains("progress fusion")).toList())
                .containsExactly("12:00:05 progress fusion    - PENDING");
    }

    @Test
    void terminalOutputRedrawsBarsInPlace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        String view = "{\"stages\":{\"CHAT\":{\"state\":\"COMPLETED\",\"progress\":1.0,\"elapsedMs\":3000,"
                + "\"remainingMs\":0},\"VIDEO\":{\"state\":\"RUNNING\",\"progress\":0.25,\"elapsedMs\":10000,"
                + "\"remainingMs\":30000},\"FUSION\":{\"state\":\"RUNNING\",\"elapsedMs\":5000}}}";
        display.update(JSON.readTree(view));
        display.update(JSON.readTree(view));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\033[5A")
                .contains("chat   [##############################] 100% COMPLETED 0:03 elapsed\n")
                .contains("video  [########......................]  25% RUNNING 0:10 elapsed, ~0:30 left\n")
                .contains("fusion [..............................]    - RUNNING 0:05 elapsed\n");
    }
}
