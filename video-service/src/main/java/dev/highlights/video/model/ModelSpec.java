package dev.highlights.video.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which activity model a video worker runs: the project's default graph, or a user's {@code .onnx}
 * file with an input layout and an output mapping.
 *
 * @param file    the user's model file, or null for the default model
 * @param layout  what the model's input rows hold
 * @param input   the model input to feed, or null for its only input
 * @param mapping how the output becomes a 0..1 score
 */
public record ModelSpec(Path file, InputLayout layout, String input, OutputMapping mapping) {

    public ModelSpec {
        if (layout == null) {
            layout = InputLayout.GREY_FRAMES;
        }
        if (mapping == null) {
            mapping = OutputMapping.identity();
        }
        if (file == null && layout != InputLayout.GREY_FRAMES) {
            throw new IllegalArgumentException("the default model takes " + InputLayout.GREY_FRAMES);
        }
    }

    /** The default model built by {@link DefaultActivityModel}. */
    public static ModelSpec defaultModel() {
        return new ModelSpec(null, InputLayout.GREY_FRAMES, null, OutputMapping.identity());
    }

    /** A user model: {@code file} fed with {@code layout} rows, output reduced by {@code mapping}. */
    public static ModelSpec user(Path file, InputLayout layout, OutputMapping mapping) {
        return new ModelSpec(Objects.requireNonNull(file, "file"), layout, null, mapping);
    }

    public boolean isDefault() {
        return file == null;
    }
}
