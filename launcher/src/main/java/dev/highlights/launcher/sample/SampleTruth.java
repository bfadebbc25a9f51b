package dev.highlights.launcher.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sample-truth.json}: the spec and its planted moments, so a test or the report can check "planted moments
 * found, decoys not" against any sample on disk.
 *
 * <pre>
 * {"format":"highlights-sample-truth/1","durationSec":240,"width":640,"height":360,"fps":30,"seed":20240504,
 *  "moments":[{"kind":"HYPE","startSec":62,"endSec":82,"chatStartSec":66,"chatEndSec":85,"expectHighlight":true},..]}
 * </pre>
 * {@code chatStartSec}/{@code chatEndSec} are null where chat stays ordinary.
 */
public final class SampleTruth {

    public static final String FORMAT = "highlights-sample-truth/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SampleTruth() {
    }

    public static void write(SampleSpec spec, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("durationSec", spec.durationSec());
        root.put("width", spec.width());
        root.put("height", spec.height());
        root.put("fps", spec.fps());
        root.put("seed", spec.seed());
        ArrayNode moments = root.putArray("moments");
        for (PlantedMoment m : spec.moments()) {
            ObjectNode o = moments.addObject();
            o.put("kind", m.kind().name());
            o.put("startSec", m.startSec());
            o.put("endSec", m.endSec());
            if (m.hasChatBurst()) {
                o.put("chatStartSec", m.chatStartSec());
                o.put("chatEndSec", m.chatEndSec());
            } else {
                o.putNull("chatStartSec");
                o.putNull("chatEndSec");
            }
            o.put("expectHighlight", m.expectHighlight());
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** The spec a truth file describes (size, rate, seed and moments), to regenerate or to check against. */
    public static SampleSpec read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a " + FORMAT + " file");
        }
        List<PlantedMoment> moments = new ArrayList<>();
        for (JsonNode o : root.path("moments")) {
            JsonNode cs = o.path("chatStartSec");
            JsonNode ce = o.path("chatEndSec");
            boolean chat = cs.isNumber() && ce.isNumber();
            moments.add(new PlantedMoment(MomentKind.valueOf(o.path("kind").asText()), o.path("startSec").asInt(),
                    o.path("endSec").asInt(), chat ? cs.asInt() : -1, chat ? ce.asInt() : -1));
        }
        return new SampleSpec(root.path("durationSec").asInt(), root.path("width").asInt(),
                root.path("height").asInt(), root.path("fps").asInt(), root.path("seed").asLong(), moments);
    }
}
