package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HighlightsCliTest {

    private int execute(Path home, String... args) {
        return new HighlightsCli(home, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                false).execute(args);
    }

    @Test
    void badUsageExitsWithTwoBeforeStartingAnything(@TempDir Path home) {
        assertThat(execute(home)).isEqualTo(2);
        assertThat(execute(home, "explode")).isEqualTo(2);
        assertThat(execute(home, "run")).isEqualTo(2);
        assertThat(execute(home, "run", "--video")).isEqualTo(2);
        assertThat(execute(home, "run", "--video", home.resolve("missing.mp4").toString())).isEqualTo(2);
        assertThat(execute(home, "help")).isZero();
    }

    @Test
    void clipsWithoutAPreviousRunFailsWithOne(@TempDir Path home) {
        assertThat(execute(home, "clips")).isEqualTo(1);
    }
}
