package dev.highlights.video;

import dev.highlights.video.model.InputLayout;
import dev.highlights.video.model.ModelSpec;
import dev.highlights.video.model.OutputMapping;
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
 * {@code video.*} settings: the shared worker settings ({@link WorkerServiceConfig}: group, concurrency,
 * execution provider, Kafka overrides, ...) plus the decode, features and model
 * ({@link VideoAnalysisConfig}).
 */
@ConfigMapping(prefix = "video")
public interface VideoServiceConfig extends WorkerServiceConfig {

    /** Analysis width, pixels. */
    @WithDefault("160")
    int width();

    /** Analysis height, pixels. */
    @WithDefault("90")
    int height();

    /** K: samples per media second. */
    @WithDefault("4")
    int framesPerSecond();

    /** FFmpeg decoder threads per segment: 1 because the worker runs one segment per core; 0 = FFmpeg picks. */
    @WithDefault("1")
    int decoderThreads();

    /**
     * Leave undecoded the pictures that no sample can show and no other picture refers to (the non-reference B-frames
     * of stream encodes): the samples are those of a full decode, for about a third less decoding. With one decoder
     * thread only.
     */
    @WithDefault("true")
    boolean skipUnsampledPictures();

    /** HSV content difference (0..255) that makes a hard cut. */
    @WithDefault("27")
    double sceneCutThreshold();

    /** Motion (0..255) below which a second is quiet. */
    @WithDefault("1.0")
    double staticMotionThreshold();

    /** Quiet seconds in a row that make a static screen. */
    @WithDefault("10")
    int staticMinRunSec();

    /** Static-screen look-ahead, 0..min-run - 1; -1 = min-run - 1. */
    @WithDefault("-1")
    int staticLookAheadSec();

    /** Pre-roll decoded before every segment at least; -1 = static-min-run-sec. */
    @WithDefault("-1")
    double minPreRollSec();

    /** Seconds per model run. */
    @WithDefault("16")
    int batchSize();

    Model model();

    /** A user's own {@code .onnx} model; without a path the project's default model runs. */
    interface Model {
        /** The {@code .onnx} file; empty = the default model ({@code video-activity-v1}). */
        Optional<Path> path();

        /** What the input rows hold: {@code grey-frames} ({@code [N, K+1, H, W]}) or {@code rgb-frame} ({@code [N, 3, H, W]}). */
        @WithDefault("grey-frames")
        InputLayout layout();

        /** The input to feed; empty = the model's only input. */
        Optional<String> input();

        /** The output to read; empty = the model's first output. */
        Optional<String> output();

        /** One column of the output as the score; -1 = none (a single value, or the linear head). */
        @WithDefault("-1")
        int index();

        /** Linear head weights over the output vector (e.g. an embedding); empty = none. */
        Optional<List<Float>> weights();

        @WithDefault("0")
        float bias();

        /** {@code clamp} (0..1) or {@code sigmoid} (the output is a logit). */
        @WithDefault("clamp")
        OutputMapping.Activation activation();
    }

    default VideoAnalysisConfig toAnalysisConfig() {
        VideoAnalysisConfig c = new VideoAnalysisConfig(width(), height(), framesPerSecond(), decoderThreads(),
                skipUnsampledPictures(), sceneCutThreshold(), staticMotionThreshold(), staticMinRunSec(),
                staticLookAheadSec(), minPreRollSec(),
                batchSize(), ModelSpec.defaultModel());
        Model m = model();
        if (m.path().isEmpty()) {
            return c;
        }
        float[] weights = null;
        if (m.weights().isPresent()) {
            List<Float> w = m.weights().get();
            weights = new float[w.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = w.get(i);
            }
        }
        OutputMapping mapping = new OutputMapping(m.output().orElse(null), m.index(), weights, m.bias(), m.activation());
        return c.withModel(new ModelSpec(m.path().get(), m.layout(), m.input().orElse(null), mapping));
    }

    /**
     * The shipped settings outside Quarkus (tests, benchmarks): the defaults above with {@code properties} (full keys,
     * e.g. {@code video.frames-per-second}) on top. Quarkus builds the same mapping from the same defaults.
     */
    static VideoServiceConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(VideoServiceConfig.class)
                // Durations as Quarkus reads them ("20s" as well as ISO-8601).
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "video-settings", 400))
                .build()
                .getConfigMapping(VideoServiceConfig.class);
    }

    /** The analysis settings the service ships. */
    static VideoAnalysisConfig shippedAnalysis() {
        return load(Map.of()).toAnalysisConfig();
    }
}
