package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fractionComesFromWorkItemsThenMediaSecondsThenState() throws Exception {
        assertThat(ProgressDisplay.fraction(JSON.readTree("{\"state\":\"RUNNING\",\"segmentsDone\":1,\"segmentsTotal\":4}"), 100))
                .isEqualTo(0.25);
        assertThat(ProgressDisplay.fraction(JSON.readTree("{\"state\":\"RUNNING\",\"lastSecond\":49}"), 100))
                .isEqualTo(0.5);
        assertThat(ProgressDisplay.fraction(JSON.readTree("{\"state\":\"ABSENT\"}"), 100)).isEqualTo(1.0);
        assertThat(ProgressDisplay.fraction(JSON.readTree("{}"), 100)).isEqualTo(0.0);
    }

    @Test
    void plainOutputPrintsALineOnlyWhenAStageMovesOrChangesState() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String running = "{\"durationSec\":100,\"stages\":{\"AUDIO\":{\"state\":\"RUNNING\",\"segmentsDone\":%d,"
                + "\"segmentsTotal\":10,\"errorCount\":%d}}}";
        display.update(JSON.readTree(running.formatted(1, 0)));
        display.update(JSON.readTree(running.formatted(1, 0)));
        display.update(JSON.readTree(running.formatted(5, 1)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\033[");
        assertThat(text.lines().filter(l -> l.startsWith("progress audio")).toList())
                .containsExactly("progress audio   10% RUNNING", "progress audio   50% RUNNING (1 error)");
        assertThat(text.lines().filter(l -> l.startsWith("progress fusion")).toList()).hasSize(1);
    }

    @Test
    void terminalOutputRedrawsBarsInPlace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        display.update(JSON.readTree("{\"durationSec\":100,\"stages\":{\"CHAT\":{\"state\":\"COMPLETED\"}}}"));
        display.update(JSON.readTree("{\"durationSec\":100,\"stages\":{\"CHAT\":{\"state\":\"COMPLETED\"}}}"));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\033[5A").contains("chat   [##############################] 100% COMPLETED");
    }
}
