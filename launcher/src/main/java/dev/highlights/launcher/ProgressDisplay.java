package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-stage progress of one VOD from ingest's view: bars redrawn in place on a terminal, plain lines
 * ({@code progress audio 40% RUNNING}) when a stage moves by 10% or changes state otherwise (logs, scripts).
 */
final class ProgressDisplay {
    static final List<String> STAGES = List.of("INGEST", "CHAT", "AUDIO", "VIDEO", "FUSION");
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, String> lastReported = new HashMap<>();
    private boolean drawn;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(JsonNode view) {
        double duration = view.path("durationSec").asDouble(0);
        if (terminal) {
            if (drawn) {
                out.print("\033[" + STAGES.size() + "A");
            }
            for (String stage : STAGES) {
                out.print("\033[2K" + barLine(stage, view.path("stages").path(stage), duration) + "\n");
            }
            out.flush();
            drawn = true;
            return;
        }
        for (String stage : STAGES) {
            JsonNode node = view.path("stages").path(stage);
            String state = node.path("state").asText("PENDING");
            double fraction = fraction(node, duration);
            String key = state + "/" + (int) Math.floor(fraction * 10);
            if (!key.equals(lastReported.put(stage, key))) {
                out.printf("progress %-6s %3d%% %s%s%n", stage.toLowerCase(), Math.round(fraction * 100), state,
                        errors(node));
            }
        }
        out.flush();
    }

    private static String barLine(String stage, JsonNode node, double duration) {
        String state = node.path("state").asText("PENDING");
        double fraction = fraction(node, duration);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return String.format("%-6s [%s%s] %3d%% %s%s", stage.toLowerCase(), "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), state, errors(node));
    }

    private static String errors(JsonNode node) {
        int errors = node.path("errorCount").asInt(0);
        return errors == 0 ? "" : " (" + errors + " error" + (errors == 1 ? "" : "s") + ")";
    }

    /** Done share of a stage: finished work items where it has them, else the last media second reached. */
    static double fraction(JsonNode stage, double durationSec) {
        String state = stage.path("state").asText("PENDING");
        if (state.equals("COMPLETED") || state.equals("ABSENT")) {
            return 1;
        }
        int total = stage.path("segmentsTotal").asInt(0);
        if (total > 0) {
            return Math.min(1, stage.path("segmentsDone").asInt(0) / (double) total);
        }
        if (stage.hasNonNull("lastSecond") && durationSec > 0) {
            return Math.min(1, (stage.path("lastSecond").asLong() + 1) / durationSec);
        }
        return 0;
    }
}
