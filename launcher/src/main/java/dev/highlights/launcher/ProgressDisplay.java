package dev.highlights.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-stage progress of one VOD as ingest's view gives it (share done, time spent, estimate of what is left): on a
 * terminal, one bar per stage redrawn in place; elsewhere (logs, CI, pipes), a timestamped line whenever a stage moves
 * by 10% or changes state ({@code 12:00:05 progress audio   40% RUNNING 0:12 elapsed, ~0:18 left}).
 */
final class ProgressDisplay {
    static final List<String> STAGES = List.of("INGEST", "CHAT", "AUDIO", "VIDEO", "FUSION");
    private static final int BAR_WIDTH = 30;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final Map<String, String> lastReported = new HashMap<>();
    private boolean drawn;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this(out, terminal, Clock.systemDefaultZone());
    }

    ProgressDisplay(PrintStream out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    void update(JsonNode view) {
        if (terminal) {
            if (drawn) {
                out.print("\033[" + STAGES.size() + "A");
            }
            for (String stage : STAGES) {
                JsonNode node = view.path("stages").path(stage);
                int filled = (int) Math.round(share(node) * BAR_WIDTH);
                out.print("\033[2K" + String.format("%-6s [%s%s] %s", stage.toLowerCase(), "#".repeat(filled),
                        ".".repeat(BAR_WIDTH - filled), status(node)) + "\n");
            }
            out.flush();
            drawn = true;
            return;
        }
        for (String stage : STAGES) {
            JsonNode node = view.path("stages").path(stage);
            String key = node.path("state").asText("PENDING") + "/" + (int) Math.floor(share(node) * 10);
            if (!key.equals(lastReported.put(stage, key))) {
                out.printf("%s progress %-6s %s%n", LocalTime.now(clock).format(CLOCK), stage.toLowerCase(),
                        status(node));
            }
        }
        out.flush();
    }

    /** {@code  40% RUNNING 0:12 elapsed, ~0:18 left (1 error)}. */
    private static String status(JsonNode node) {
        StringBuilder s = new StringBuilder();
        s.append(node.hasNonNull("progress") ? String.format("%3d%%", Math.round(share(node) * 100)) : "   -");
        s.append(' ').append(node.path("state").asText("PENDING"));
        if (node.hasNonNull("elapsedMs")) {
            s.append(' ').append(duration(node.path("elapsedMs").asLong())).append(" elapsed");
            if (node.hasNonNull("remainingMs") && node.path("state").asText().equals("RUNNING")) {
                s.append(", ~").append(duration(node.path("remainingMs").asLong())).append(" left");
            }
        }
        int errors = node.path("errorCount").asInt(0);
        if (errors > 0) {
            s.append(" (").append(errors).append(errors == 1 ? " error)" : " errors)");
        }
        return s.toString();
    }

    private static double share(JsonNode node) {
        return Math.max(0, Math.min(1, node.path("progress").asDouble(0)));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
