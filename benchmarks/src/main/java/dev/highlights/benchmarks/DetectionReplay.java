package dev.highlights.benchmarks;

import dev.highlights.avro.AudioScore;
import dev.highlights.avro.ChatMessage;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.VideoScore;
import dev.highlights.chat.ChatRecords;
import dev.highlights.chat.ChatServiceConfig;
import dev.highlights.chat.features.ChatFeatureEngine;
import dev.highlights.chat.features.ChatSecondFeatures;
import dev.highlights.chat.features.VodChatState;
import dev.highlights.fusion.FusionRecords;
import dev.highlights.fusion.FusionServiceConfig;
import dev.highlights.fusion.rules.FusionConfig;
import dev.highlights.fusion.rules.FusionEngine;
import dev.highlights.fusion.rules.HighlightUpdate;
import dev.highlights.fusion.rules.Modality;
import dev.highlights.fusion.rules.VodFusionState;
import dev.highlights.launcher.eval.Detection;
import dev.highlights.launcher.eval.EvalMetrics;
import dev.highlights.launcher.eval.EvalReport;
import dev.highlights.launcher.eval.EvalResult;
import dev.highlights.launcher.eval.TruthFile;
import dev.highlights.launcher.eval.VodInput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Replays the inputs that {@code ./highlights eval} captured (each VOD's chat messages, audio and video scores) through
 * the chat feature engine and the fusion rules, in process, and scores the highlights like eval does: the same rules on
 * the same inputs, without decoding anything, so one pass over a 4-hour set takes seconds. This is how the rules'
 * defaults are tuned; settings given as {@code key=value} (full keys: {@code fusion.min-reaction-share=0.5},
 * {@code chat.reaction-max-tokens=8}) override the shipped ones.
 *
 * <pre>
 *   java -cp ... dev.highlights.benchmarks.DetectionReplay highlights-out/eval [key=value ...]
 * </pre>
 */
public final class DetectionReplay {

    private DetectionReplay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DetectionReplay EVAL_OUT_DIR [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EvalResult result = replay(Path.of(args[0]), overrides);
        System.out.print(EvalReport.table(result));
    }

    /** Replays every VOD folder under {@code evalOut} that holds a truth and captured inputs. */
    public static EvalResult replay(Path evalOut, Map<String, String> overrides) throws IOException {
        ChatFeatureEngine chat = ChatServiceConfig.load(overrides).featureEngine();
        FusionEngine fusion = new FusionEngine(FusionServiceConfig.load(overrides).toFusionConfig());
        List<VodInput> inputs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(evalOut)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("truth.json"))).sorted().toList()) {
                inputs.add(replayVod(dir, chat, fusion));
            }
        }
        if (inputs.isEmpty()) {
            throw new IOException(evalOut + " holds no VOD folders with truth.json and inputs/");
        }
        return EvalMetrics.evaluateAll(inputs);
    }

    static VodInput replayVod(Path dir, ChatFeatureEngine chat, FusionEngine fusion) throws IOException {
        String vod = dir.getFileName().toString();
        Path inputs = dir.resolve("inputs");
        FusionConfig config = fusion.config();
        VodFusionState st = fusion.newState(vod);
        VodChatState chatState = chat.newVodState();
        int[] last = {-1, -1, -1};
        Consumer<List<ChatSecondFeatures>> toFusion = features -> {
            for (ChatSecondFeatures f : features) {
                fusion.onChat(st, FusionRecords.chatSecond(ChatRecords.features(vod, f)));
                last[0] = Math.max(last[0], (int) f.second());
            }
        };
        boolean[] ended = {false};
        read(inputs.resolve("chat-messages.avro"), ChatMessage.class, m -> {
            if (m.getType() == ChatMessageType.END_OF_CHAT) {
                toFusion.accept(chat.onEnd(chatState, m.getOffsetSec()).emitted());
                ended[0] = true;
            } else if (ChatRecords.isChatActivity(m)) {
                toFusion.accept(chat.onMessage(chatState, ChatRecords.view(m)).emitted());
            }
        });
        if (!ended[0]) {
            toFusion.accept(chat.onEnd(chatState).emitted());
        }
        read(inputs.resolve("audio-scores.avro"), AudioScore.class, a -> {
            fusion.onAudio(st, FusionRecords.audioSecond(a, config.detection()));
            last[1] = Math.max(last[1], (int) a.getSecond());
        });
        read(inputs.resolve("video-scores.avro"), VideoScore.class, v -> {
            fusion.onVideo(st, FusionRecords.videoSecond(v, config.detection()));
            last[2] = Math.max(last[2], (int) v.getSecond());
        });
        finish(fusion, st, Modality.CHAT, last[0]);
        finish(fusion, st, Modality.AUDIO, last[1]);
        finish(fusion, st, Modality.VIDEO, last[2]);
        List<HighlightUpdate> ranked = fusion.onVodEnd(st).summary().ranked();
        List<Detection> detections = ranked.stream()
                .map(h -> new Detection(h.startSec(), h.endSec(), (double) h.chatLagSec())).toList();
        int duration = Math.max(last[1], last[2]) + 1;
        return new VodInput(vod, TruthFile.read(dir.resolve("truth.json"), duration), detections, null);
    }

    private static void finish(FusionEngine fusion, VodFusionState st, Modality m, int lastSecond) {
        if (lastSecond < 0) {
            fusion.onModalityAbsent(st, m);
        } else {
            fusion.onModalityFinished(st, m, lastSecond + 1);
        }
    }

    private static <T> void read(Path file, Class<T> type, Consumer<T> sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        File f = file.toFile();
        try (DataFileReader<T> reader = new DataFileReader<>(f, new SpecificDatumReader<>(type))) {
            for (T record : reader) {
                sink.accept(record);
            }
        }
    }
}
