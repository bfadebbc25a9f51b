package dev.highlights.audio;

import dev.highlights.audio.model.LabelWeights;
import dev.highlights.audio.model.UserModelConfig;
import dev.highlights.worker.service.WorkerServiceConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
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
        AudioAnalyzerConfig c = new AudioAnalyzerConfig(batchSeconds(), onnxConfig(), null);
        Model m = model();
        if (m.path().isEmpty()) {
            return c;
        }
        Map<String, Double> weights = m.labelWeights().isEmpty() ? LabelWeights.DEFAULT_WEIGHTS : m.labelWeights();
        return c.withUserModel(new UserModelConfig(m.path().get(), m.labels().orElse(List.of()), weights, m.bias(),
                m.labelsAreLogits(), m.name().orElse(null)));
    }

    /**
     * The shipped settings outside Quarkus (tests, benchmarks): the defaults above with {@code properties} (full keys,
     * e.g. {@code audio.batch-seconds}) on top. Quarkus builds the same mapping from the same defaults.
     */
    static AudioServiceConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(AudioServiceConfig.class)
                // Durations as Quarkus reads them ("20s" as well as ISO-8601).
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "audio-settings", 400))
                .build()
                .getConfigMapping(AudioServiceConfig.class);
    }

    /** The analysis settings the service ships. */
    static AudioAnalyzerConfig shippedAnalyzer() {
        return load(Map.of()).toAnalyzerConfig();
    }
}
