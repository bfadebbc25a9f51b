package dev.highlights.launcher.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the labels of one VOD. Two shapes are accepted:
 * <ul>
 *   <li>the sample truth the launcher writes next to a generated sample:
 *   {@code {"format":"highlights-sample-truth/1","durationSec":240,"moments":[{"kind":"HYPE","startSec":62,
 *   "endSec":82,"expectHighlight":true,"label":"highlight","chatLagSec":4.0},..]}} where {@code label} and
 *   {@code chatLagSec} are optional ({@code label} defaults to {@code highlight} when {@code expectHighlight}, else
 *   the kind in lower case);</li>
 *   <li>users' own labels: {@code [{"start":12.5,"end":30,"kind":"highlight","chatLag":3.5},..]} in seconds, with
 *   {@code kind} defaulting to {@code highlight} and {@code chatLag} optional. This shape has no duration: the VOD
 *   comes back with {@link Double#NaN} (or the probed duration the caller passes).</li>
 * </ul>
 * The sample truth is parsed here rather than through {@code SampleTruth} so that eval reads files written by any
 * version of the sample generator and keeps no dependency on its classes.
 */
public final class TruthFile {

    public static final String SAMPLE_FORMAT = "highlights-sample-truth/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthFile() {
    }

    /** The labels of {@code file}; the duration is NaN when the file does not give one. */
    public static LabelledVod read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such truth file", e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException(file + ": empty, expected JSON labels");
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The labels of {@code file}, with {@code probedDurationSec} as the VOD length when the file has none. */
    public static LabelledVod read(Path file, double probedDurationSec) throws IOException {
        return read(file).withDurationIfUnknown(probedDurationSec);
    }

    /** Parses an already read JSON document; messages name the offending element but not the file. */
    public static LabelledVod parse(JsonNode root) {
        if (root.isArray()) {
            return parseLabelArray(root);
        }
        if (root.isObject() && root.has("format")) {
            String format = root.path("format").asText();
            if (!SAMPLE_FORMAT.equals(format)) {
                throw new IllegalArgumentException("unknown truth format \"" + format + "\", expected \""
                        + SAMPLE_FORMAT + "\" or a JSON array of {\"start\",\"end\",\"kind\"}");
            }
            return parseSampleTruth(root);
        }
        throw new IllegalArgumentException("unknown truth shape (" + root.getNodeType().name().toLowerCase(Locale.ROOT)
                + "): expected a JSON array of {\"start\",\"end\",\"kind\"} or a " + SAMPLE_FORMAT + " object");
    }

    private static LabelledVod parseSampleTruth(JsonNode root) {
        JsonNode duration = root.get("durationSec");
        if (duration == null || !duration.isNumber() || !(duration.asDouble() > 0)) {
            throw new IllegalArgumentException("durationSec must be a positive number, got " + duration);
        }
        JsonNode moments = root.get("moments");
        if (moments == null || !moments.isArray()) {
            throw new IllegalArgumentException("\"moments\" must be an array");
        }
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < moments.size(); i++) {
            JsonNode moment = moments.get(i);
            String where = "moment " + i;
            requireObject(moment, where);
            double start = number(moment, "startSec", where);
            double end = number(moment, "endSec", where);
            String label = optionalText(moment, "label", where);
            if (label == null) {
                boolean expectHighlight = moment.path("expectHighlight").asBoolean(false);
                String kind = optionalText(moment, "kind", where);
                if (!expectHighlight && kind == null) {
                    throw new IllegalArgumentException(where + ": needs \"label\", \"kind\" or \"expectHighlight\"");
                }
                label = expectHighlight ? Label.HIGHLIGHT : kind.toLowerCase(Locale.ROOT);
            }
            labels.add(label(start, end, label, optionalNumber(moment, "chatLagSec", where), where));
        }
        return new LabelledVod(duration.asDouble(), labels);
    }

    private static LabelledVod parseLabelArray(JsonNode root) {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String where = "label " + i;
            requireObject(entry, where);
            String kind = optionalText(entry, "kind", where);
            labels.add(label(number(entry, "start", where), number(entry, "end", where),
                    kind == null ? Label.HIGHLIGHT : kind, optionalNumber(entry, "chatLag", where), where));
        }
        return new LabelledVod(Double.NaN, labels);
    }

    private static Label label(double start, double end, String kind, Double chatLag, String where) {
        // Checked here too so the message names the entry of the file, not just "label".
        TimeInterval.requireValid(start, end, where);
        return new Label(start, end, kind, chatLag);
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object, got " + node);
        }
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": missing \"" + field + "\"");
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number of seconds, got " + value);
        }
        return value.asDouble();
    }

    private static Double optionalNumber(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number or null, got " + value);
        }
        return value.asDouble();
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty string, got " + value);
        }
        return value.asText();
    }
}
