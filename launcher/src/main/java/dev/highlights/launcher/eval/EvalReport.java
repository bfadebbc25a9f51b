package dev.highlights.launcher.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints an {@link EvalResult} as a fixed-width table with a totals line, and writes and reads it as JSON:
 * <pre>
 * {"format":"highlights-eval/1",
 *  "vods":[{"vod":..,"durationSec":..,"events":{"matched":..,"detections":..,"truths":..,"precision":..,"recall":..,
 *           "f1":..},"seconds":{"truePositive":..,"falsePositive":..,"falseNegative":..,"precision":..,..},
 *           "nonHighlightHits":{"raid":{"hit":1,"total":2},..},
 *           "lag":{"trueMedianSec":..,"vodEstimateSec":..,"detectionEstimateMedianSec":..,"errorSamplesSec":[..],
 *                  "errorSec":..}},..],
 *  "totals":{"vods":..,"durationSec":..,"events":{..},"seconds":{..},"nonHighlightHits":{..},"lagErrorSec":..,
 *            "lagErrorSamples":..,"minEventF1":..,"minEventF1Vod":..,"minSecondF1":..,"minSecondF1Vod":..}}
 * </pre>
 * Unknown lags are {@code null}.
 */
public final class EvalReport {

    public static final String FORMAT = "highlights-eval/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Every number column, right-aligned under its header at this width; rows and header share the format. */
    private static final String[] HEADERS = {"duration", "truths", "detect", "ev.P", "ev.R", "ev.F1", "sec.P",
            "sec.R", "sec.F1", "non-hl hit", "lag.true", "lag.est", "lag.err"};
    private static final String COLUMNS = Arrays.stream(HEADERS).map(h -> "  %" + Math.max(h.length(), 5) + "s")
            .collect(Collectors.joining()) + "%n";

    private EvalReport() {
    }

    /** The per-VOD table, the totals line, the worst VODs and the non-highlights hit by kind. */
    public static String table(EvalResult result) {
        int nameWidth = Math.max(14, result.vods().stream().mapToInt(v -> v.vod().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append(pad("vod", nameWidth)).append(String.format(Locale.ROOT, COLUMNS, (Object[]) HEADERS));
        for (VodResult vod : result.vods()) {
            KindHits hits = vod.nonHighlightHits().values().stream().reduce(new KindHits(0, 0), KindHits::plus);
            out.append(row(pad(vod.vod(), nameWidth), vod.durationSec(), vod.events(), vod.seconds(), hits,
                    vod.lag().trueMedianSec(), vod.lag().estimateSec(), vod.lag().errorSec()));
        }
        EvalTotals totals = result.totals();
        String totalName = "TOTAL (" + totals.vods() + (totals.vods() == 1 ? " VOD)" : " VODs)");
        out.append(row(pad(totalName, nameWidth), totals.durationSec(), totals.events(), totals.seconds(),
                totals.nonHighlightsOverall(), null, null, totals.lagErrorSec()));
        out.append(String.format(Locale.ROOT, "worst VOD: event F1 %.2f (%s), second F1 %.2f (%s)%n",
                totals.minEventF1(), totals.minEventF1Vod(), totals.minSecondF1(), totals.minSecondF1Vod()));
        if (!totals.nonHighlightHits().isEmpty()) {
            out.append("non-highlights hit by kind: ").append(totals.nonHighlightHits().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().hit() + "/" + e.getValue().total())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (totals.lagErrorSec() != null) {
            out.append(String.format(Locale.ROOT, "chat lag error: median %.1f s over %d sample%s%n",
                    totals.lagErrorSec(), totals.lagErrorSamples(), totals.lagErrorSamples() == 1 ? "" : "s"));
        }
        return out.toString();
    }

    private static String row(String name, double durationSec, EventScore events, SecondScore seconds,
                              KindHits nonHighlights, Double lagTrue, Double lagEstimate, Double lagError) {
        return name + String.format(Locale.ROOT, COLUMNS, clock(durationSec), events.truths(), events.detections(),
                ratio(events.precision()), ratio(events.recall()), ratio(events.f1()),
                ratio(seconds.precision()), ratio(seconds.recall()), ratio(seconds.f1()),
                nonHighlights.hit() + "/" + nonHighlights.total(),
                seconds(lagTrue), seconds(lagEstimate), seconds(lagError));
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    private static String clock(double seconds) {
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The result as an indented JSON document; {@link #parseJson} reads it back. */
    public static String json(EvalResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("vods", JSON.valueToTree(result.vods()));
        root.set("totals", JSON.valueToTree(result.totals()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("eval result not serialisable", e);
        }
    }

    /** Reads what {@link #json} wrote. */
    public static EvalResult parseJson(String text) throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " document");
        }
        List<VodResult> vods = new ArrayList<>();
        for (JsonNode vod : root.path("vods")) {
            vods.add(JSON.treeToValue(vod, VodResult.class));
        }
        return new EvalResult(vods, JSON.treeToValue(root.path("totals"), EvalTotals.class));
    }
}
