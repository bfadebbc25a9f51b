package dev.highlights.audio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.highlights.audio.features.AudioFeatureExtractor;
import dev.highlights.audio.features.LogMelSpec;
import dev.highlights.audio.features.SecondFeatures;
import dev.highlights.worker.onnx.ExecutionProvider;
import dev.highlights.worker.onnx.FloatBatch;
import dev.highlights.worker.onnx.ModelOutputs;
import dev.highlights.worker.onnx.ModelRunner;
import dev.highlights.worker.onnx.OnnxConfig;
import dev.highlights.worker.onnx.OnnxSessions;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONNX front end and head against the Java features and {@link ExcitementHead}. */
class DefaultAudioModelTest {
    static OnnxSessions sessions;
    static ModelRunner diag;

    @BeforeAll
    static void load() {
        sessions = new OnnxSessions(OnnxConfig.of(ExecutionProvider.CPU));
        diag = sessions.runner("diag", () -> DefaultAudioModel.build(true));
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    /** Rows: quiet noise, louder noise, a tone with a little noise, silence, a loud burst in a quiet second. */
    static float[][] rows() {
        Random rnd = new Random(5);
        float[][] rows = new float[5][16000];
        for (int i = 0; i < 16000; i++) {
            rows[0][i] = (float) (0.01 * rnd.nextGaussian());
            rows[1][i] = (float) (0.2 * rnd.nextGaussian());
            rows[2][i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.003 * rnd.nextGaussian());
            rows[4][i] = (float) ((i > 8000 && i < 10000 ? 0.5 : 0.005) * rnd.nextGaussian());
        }
        return rows;
    }

    @Test
    void logMelFrontEndEqualsTheJavaFeatures() {
        float[][] rows = rows();
        FloatBatch b = new FloatBatch(rows.length, 16000);
        for (int r = 0; r < rows.length; r++) {
            b.putRow(r, rows[r], 0, 16000);
        }
        ModelOutputs out = diag.run(b, rows.length);
        assertThat(out.shape("logmel")).containsExactly(rows.length, 98, 64);
        float[] logMel = out.floats("logmel");
        for (int r = 0; r < rows.length; r++) {
            AudioFeatureExtractor fx = new AudioFeatureExtractor(); // fresh: no previous frame, like the row
            SecondFeatures f = fx.process(rows[r], 16000);
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < 98 * 64; i++) {
                double v = logMel[r * 98 * 64 + i];
                sum += v;
                sq += v * v;
            }
            double mean = sum / (98 * 64);
            assertThat(mean).as("row %d mean", r).isCloseTo(f.logMelMean(), within(2e-3));
            assertThat(Math.sqrt(Math.max(0, sq / (98 * 64) - mean * mean))).as("row %d std", r).isCloseTo(f.logMelStd(), within(2e-3));
            assertThat((double) out.floats("loudness_db")[r]).as("row %d loudness", r)
                    .isCloseTo(Math.max(f.rmsDbfs(), -120.0), within(r == 3 ? 0.5 : 1e-3));
            assertThat((double) out.floats("high_share")[r]).as("row %d share", r).isCloseTo(f.highBandShare(), within(1e-4));
            assertThat((double) out.floats("onset_flux")[r]).as("row %d flux", r).isCloseTo(f.spectralFlux(), within(2e-3));
        }
    }

    @Test
    void scoreIsTheDocumentedLogisticHead() {
        float[][] rows = rows();
        FloatBatch b = new FloatBatch(rows.length, 16000);
        for (int r = 0; r < rows.length; r++) {
            b.putRow(r, rows[r], 0, 16000);
        }
        ModelOutputs out = diag.run(b, rows.length);
        float[] score = out.floats("score");
        for (int r = 0; r < rows.length; r++) {
            double expected = ExcitementHead.score(out.floats("loudness_db")[r], out.floats("high_share")[r], out.floats("onset_flux")[r]);
            assertThat((double) score[r]).isCloseTo(expected, within(1e-5)).isBetween(0.0, 1.0);
        }
        // louder broadband noise scores higher; silence scores about 0; a tone (no high band) lower than noise
        assertThat(score[1]).isGreaterThan(score[0]).isGreaterThan(0.5f);
        assertThat(score[3]).isLessThan(1e-3f);
        assertThat(score[2]).isLessThan(score[1]);
        assertThat(ExcitementHead.score(-30, ExcitementHead.HIGH_BAND_REF, ExcitementHead.FLUX_REF))
                .isCloseTo(1 / (1 + Math.exp(2)), within(1e-12));
    }

    @Test
    void signatureAndMetadata() {
        ModelRunner prod = sessions.runner(DefaultAudioModel.ID, DefaultAudioModel::build);
        assertThat(prod.inputShape(DefaultAudioModel.INPUT)).containsExactly(-1, LogMelSpec.SAMPLE_RATE);
        assertThat(prod.outputs().get("score").getShape()).containsExactly(-1);
        assertThat(prod.outputs()).doesNotContainKey("logmel");
        assertThat(prod.metadata()).containsEntry("sample_rate", "16000").containsEntry("name", DefaultAudioModel.ID);
        assertThat(prod.metadata().get("head")).contains("sigmoid");
    }
}
