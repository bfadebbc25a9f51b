package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.highlights.samples.PlantedMoment;
import dev.highlights.samples.SampleVod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./highlights demo} end to end: the embedded broker and registry, the five services as separate JVMs
 * (the fast-jars this reactor build just packaged), the generated sample with planted hype moments and decoys.
 * Every planted moment must be found and no decoy may become a highlight.
 */
class DemoEndToEndTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void demoFindsThePlantedMomentsAndNotTheDecoysAndLeavesNothingRunning(@TempDir Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HighlightsCli cli = new HighlightsCli(REPOSITORY, new PrintStream(console, true, StandardCharsets.UTF_8),
                false);

        int exit = cli.execute(new String[] {"demo", "--out", out.toString()});

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("stack up in").contains("progress fusion 100% COMPLETED").contains("rank");

        List<PlantedMoment> truth = SampleVod.readTruth(REPOSITORY.resolve(".highlights/sample"));
        JsonNode highlights = new ObjectMapper().readTree(out.resolve("highlights.json").toFile());
        List<double[]> intervals = new ArrayList<>();
        highlights.forEach(h -> intervals.add(new double[] {h.path("startSec").asDouble(), h.path("endSec").asDouble()}));
        for (PlantedMoment moment : truth) {
            double overlap = intervals.stream().mapToDouble(i -> moment.overlapSec(i[0], i[1])).sum();
            String what = "%s %d-%d s among %s".formatted(moment.kind(), moment.startSec(), moment.endSec(), printed);
            if (moment.expectHighlight()) {
                // Most of the moment itself is covered, not only the chat reaction after it.
                assertThat(overlap).as(what).isGreaterThanOrEqualTo(0.6 * (moment.endSec() - moment.startSec()));
            } else if (moment.kind().name().startsWith("DECOY")) {
                assertThat(overlap).as(what).isZero();
            }
        }
        assertThat(highlights.size()).isEqualTo((int) truth.stream().filter(PlantedMoment::expectHighlight).count());
        highlights.forEach(h -> assertThat(h.path("reason").asText()).contains("chat"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("sample.mp4");

        // Stopped cleanly: no child process left (broker and services), and the run's data was removed.
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(REPOSITORY.resolve(".highlights/runs/" + ProcessHandle.current().pid())).doesNotExist();
    }
}
