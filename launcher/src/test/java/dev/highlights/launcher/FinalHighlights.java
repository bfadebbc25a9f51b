package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the end-to-end tests compare between runs: a VOD's final, ranked highlights read from ingest's view. */
final class FinalHighlights {
    private FinalHighlights() {
    }

    /** The final highlights as comparable lines (ids differ by VOD; everything else must not), waiting up to 3 min. */
    static List<String> of(IngestClient ingest, String vodId, EmbeddedPipeline pipeline) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Report.Highlight h : Report.highlights(view(ingest, vodId, pipeline))) {
            lines.add(String.format(Locale.ROOT, "%d %.1f-%.1f peak %.1f score %.3f %s", h.rank(),
                    h.startSec(), h.endSec(), h.peakSec(), h.score(), h.reason()));
        }
        return lines;
    }

    /** The VOD's view once its highlights are final, waiting up to 3 min. */
    static JsonNode view(IngestClient ingest, String vodId, EmbeddedPipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertThat(pipeline.deadService()).isNull();
            JsonNode view = ingest.view(vodId);
            if (view.path("highlights").path("final").asBoolean()) {
                return view;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no final highlights for " + vodId);
    }
}
