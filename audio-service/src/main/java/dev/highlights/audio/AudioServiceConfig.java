package dev.highlights.audio;

import dev.highlights.audio.model.LabelWeights;
import dev.highlights.audio.model.UserModelConfig;
import dev.highlights.worker.service.WorkerServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audio.*} settings: the shared worker settings ({@link WorkerServiceConfig}: group, concurrency,
 * execution provider, Kafka overrides, ...) plus the analysis and the model.
 */
@ConfigMapping(prefix = "audio")
public interface AudioServiceConfig extends WorkerServiceConfig {

    /** Seconds per model run (rows of the {@code [N, 16000]} input). */
    @WithDefault("32")
    int batchSeconds();

    Model model();

    /** A user's own {@code .onnx} model (see {@link UserModelConfig}); without a path the project's default model runs. */
    interface Model {
        /** The {@code .onnx} file; empty = the default model. */
        Optional<Path> path();

        /** Names of the {@code labels} output columns; empty = the model's {@code labels} metadata. */
        Optional<List<String>> labels();

        /**
         * Label-to-weight map of the excitement score, e.g. {@code audio.model.label-weights.laughter=2.5};
         * empty = the defaults (laughter, cheering, screaming +2.5, gunfire +2, music -2, speech -1).
         */
        Map<String, Double> labelWeights();

        /** Bias of the weighted sum (default -1). */
        @WithDefault("-1.0")
        double bias();

        /** The labels output holds logits: apply a sigmoid first. */
        @WithDefault("false")
        boolean labelsAreLogits();

        /** Name for {@code AudioScore.model}; empty = the model's metadata name or the file name. */
        Optional<String> name();
    }

    default AudioAnalyzerConfig toAnalyzerConfig() {
        AudioAnalyzerConfig c = AudioAnalyzerConfig.defaults().withBatchSeconds(batchSeconds()).withOnnx(onnxConfig());
        Model m = model();
        if (m.path().isEmpty()) {
            return c;
        }
        Map<String, Double> weights = m.labelWeights().isEmpty() ? LabelWeights.DEFAULT_WEIGHTS : m.labelWeights();
        return c.withUserModel(new UserModelConfig(m.path().get(), m.labels().orElse(List.of()), weights, m.bias(),
                m.labelsAreLogits(), m.name().orElse(null)));
    }
}
