package dev.highlights.audio.model;

import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelOutputs;
import dev.highlights.worker.onnx.ModelRunner;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.Collections;
import java.util.Map;

/** The project's default model ({@link DefaultAudioModel}), built in memory and loaded once. */
public final class DefaultAudioScorer implements AudioModel {
    private final ModelRunner runner;

    public DefaultAudioScorer(OnnxSessions sessions) {
        this.runner = sessions.runner(DefaultAudioModel.ID, DefaultAudioModel::build);
    }

    @Override
    public String id() {
        return DefaultAudioModel.ID;
    }

    @Override
    public ModelRunner runner() {
        return runner;
    }

    @Override
    public Scores score(FloatBatch batch, int rows) {
        ModelOutputs out = runner.run(DefaultAudioModel.INPUT, batch, rows);
        float[] s = out.floats(DefaultAudioModel.SCORE);
        return new Scores(s, Collections.nCopies(rows, Map.of()));
    }
}
