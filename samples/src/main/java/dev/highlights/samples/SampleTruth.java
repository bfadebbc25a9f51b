package dev.highlights.samples;

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
 *  "vocabulary":"demo","community":"busy",
 *  "moments":[{"kind":"HYPE","label":"highlight","startSec":62,"endSec":82,"chatStartSec":66,"chatEndSec":85,
 *              "chatLagSec":4.0,"expectHighlight":true},..]}
 * </pre>
 * {@code startSec}/{@code endSec} are the labelled stretch: the media event, or the chat burst itself where the media
 * stay calm. {@code chatStartSec}/{@code chatEndSec} are null where chat stays ordinary. {@code label} is
 * {@code highlight} or what the non-highlight is ({@link MomentKind#label()}); {@code chatLagSec} is the true lag
 * of a reaction (null where chat does not react); {@code vocabulary} ({@code demo}, {@code tuning},
 * {@code held-out}) and {@code community} ({@code busy}, {@code small}) say what the VOD's chat is. Files written
 * before those four fields existed still read: they are demo VODs, and a reaction's lag is then its whole seconds
 * from the moment to its chat burst.
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
        root.put("vocabulary", spec.vocabulary().id());
        root.put("community", spec.community().id());
        ArrayNode moments = root.putArray("moments");
        for (PlantedMoment m : spec.moments()) {
            ObjectNode o = moments.addObject();
            o.put("kind", m.kind().name());
            o.put("label", m.label());
            o.put("startSec", m.startSec());
            o.put("endSec", m.endSec());
            if (m.hasChatBurst()) {
                o.put("chatStartSec", m.chatStartSec());
                o.put("chatEndSec", m.chatEndSec());
            } else {
                o.putNull("chatStartSec");
                o.putNull("chatEndSec");
            }
            if (m.chatLagSec() != null) {
                o.put("chatLagSec", m.chatLagSec());
            } else {
                o.putNull("chatLagSec");
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
            MomentKind kind = MomentKind.valueOf(o.path("kind").asText());
            int start = o.path("startSec").asInt();
            int end = o.path("endSec").asInt();
            JsonNode lag = o.get("chatLagSec");
            if (lag == null) { // written before lags were recorded
                moments.add(new PlantedMoment(kind, start, end, chat ? cs.asInt() : -1, chat ? ce.asInt() : -1));
            } else {
                moments.add(new PlantedMoment(kind, start, end, chat ? cs.asInt() : -1, chat ? ce.asInt() : -1,
                        lag.isNumber() ? lag.asDouble() : null));
            }
        }
        Vocabulary vocabulary = root.hasNonNull("vocabulary")
                ? Vocabulary.byId(root.path("vocabulary").asText()) : Vocabulary.DEMO;
        Community community = root.hasNonNull("community")
                ? Community.byId(root.path("community").asText()) : Community.BUSY;
        return new SampleSpec(root.path("durationSec").asInt(), root.path("width").asInt(),
                root.path("height").asInt(), root.path("fps").asInt(), root.path("seed").asLong(), moments,
                vocabulary, community);
    }
}
