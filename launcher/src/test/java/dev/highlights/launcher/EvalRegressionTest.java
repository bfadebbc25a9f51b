package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.highlights.launcher.eval.EvalReport;
import dev.highlights.launcher.eval.EvalResult;
import dev.highlights.launcher.eval.EvalTotals;
import dev.highlights.launcher.eval.KindHits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection-quality guard: {@code ./highlights eval --set regression} through the real pipeline (broker, registry,
 * the five services, FFmpeg decoding, ONNX Runtime) on two labelled 5-minute VODs, a busy and a small channel, with
 * highlights of four kinds and six non-highlights (raids, a giveaway announced out loud, a copypasta, a donation alert,
 * a camera shake). The figures must hold the quality targets of the full evaluation sets.
 */
class EvalRegressionTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theRegressionSetMeetsTheQualityTargets(@TempDir Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HighlightsCli cli = new HighlightsCli(REPOSITORY, new PrintStream(console, true, StandardCharsets.UTF_8),
                false);

        int exit = cli.execute(new String[] {"eval", "--set", "regression", "--out", out.toString()});

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        EvalResult result = EvalReport.parseJson(Files.readString(out.resolve("eval.json")));
        EvalTotals totals = result.totals();
        assertThat(result.vods()).as(printed).hasSize(2);
        assertThat(totals.events().f1()).as(printed).isGreaterThanOrEqualTo(0.95);
        assertThat(totals.seconds().f1()).as(printed).isGreaterThanOrEqualTo(0.90);
        result.vods().forEach(v -> {
            assertThat(v.events().f1()).as(v.vod() + "\n" + printed).isGreaterThanOrEqualTo(0.90);
            assertThat(v.seconds().f1()).as(v.vod() + "\n" + printed).isGreaterThanOrEqualTo(0.85);
        });
        KindHits nonHighlights = totals.nonHighlightsOverall();
        assertThat(nonHighlights.total()).as(printed).isGreaterThanOrEqualTo(6);
        assertThat(nonHighlights.hit()).as("no non-highlight is reported\n" + printed).isZero();
        assertThat(totals.lagErrorSec()).as(printed).isNotNull().isLessThanOrEqualTo(1.5);
        // What the rules were fed is kept for replaying them offline.
        assertThat(out.resolve("r1-busy-5m/inputs/chat-messages.avro")).isNotEmptyFile();
        assertThat(out.resolve("r1-busy-5m/report.html")).isNotEmptyFile();
    }
}
