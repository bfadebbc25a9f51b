package dev.highlights.audio.model;

import dev.highlights.audio.features.LogMelSpec;
import dev.highlights.audio.features.MelFilterbank;
import dev.highlights.worker.onnx.OnnxGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds the default audio model as an ONNX graph (no downloaded weights): a log-mel front end
 * identical to {@link LogMelSpec} followed by the {@link ExcitementHead}.
 *
 * <p>Signature: input {@code waveform} float {@code [N, 16000]} (one second of 16 kHz mono per row);
 * outputs {@code score} {@code [N]} in 0..1, and the head's inputs for explanation:
 * {@code loudness_db}, {@code high_share}, {@code onset_flux} (each {@code [N]}). The diagnostic
 * variant also outputs {@code logmel} {@code [N, 98, 64]}.
 *
 * <p>Front end: the row is cut into 100 blocks of one hop (Reshape to {@code [N,100,160]}); frame
 * {@code t} is blocks {@code t, t+1} and half of {@code t+2} (three Slices and a Concat give
 * {@code [N,98,400]}); one MatMul with a fixed {@code [400, 514]} matrix (Hann window times the cosine
 * and sine rows of a 512-point DFT) gives real and imaginary parts; squaring them and a MatMul with the
 * mel filterbank stacked twice ({@code [514, 64]}) gives mel power, then {@code log(x + 1e-6)}.
 * Onset flux is computed within the row (97 frame pairs); the Java features also use the previous
 * second's last frame.
 */
public final class DefaultAudioModel {
    /** Goes into {@code AudioScore.model}. */
    public static final String ID = "highlights-audio-excitement/1";
    public static final String INPUT = "waveform";
    public static final String SCORE = "score";

    private DefaultAudioModel() {
    }

    /** Writes the default model to a file, e.g. to inspect it with Netron: {@code DefaultAudioModel OUT.onnx [--diagnostics]}. */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 1) {
            System.err.println("usage: DefaultAudioModel OUT.onnx [--diagnostics]");
            System.exit(2);
        }
        boolean diagnostics = args.length > 1 && args[1].equals("--diagnostics");
        java.nio.file.Path out = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.write(out, build(diagnostics));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** The production graph. */
    public static byte[] build() {
        return build(false);
    }

    /** @param diagnostics also output {@code logmel} {@code [N, 98, 64]} */
    public static byte[] build(boolean diagnostics) {
        final int sr = LogMelSpec.SAMPLE_RATE;
        final int hop = LogMelSpec.HOP;
        final int win = LogMelSpec.WINDOW;
        final int frames = LogMelSpec.FRAMES_PER_SECOND;
        final int bins = LogMelSpec.BINS;
        final int bands = LogMelSpec.MEL_BANDS;
        final int blocks = sr / hop;            // 100
        final int tail = win - 2 * hop;         // 80

        OnnxGraph g = new OnnxGraph("audio_excitement");
        ONNXRef<?> wave = g.input(INPUT, -1, sr);

        // framing
        ONNXRef<?> blocked = g.op("Reshape", wave, g.longs("block_shape", -1, blocks, hop));
        ONNXRef<?> axis1 = g.longs("axis1", 1);
        ONNXRef<?> f0 = g.op("Slice", blocked, g.longs("s0", 0), g.longs("e0", frames), axis1);
        ONNXRef<?> f1 = g.op("Slice", blocked, g.longs("s1", 1), g.longs("e1", frames + 1), axis1);
        ONNXRef<?> f2 = g.op("Slice", blocked, g.longs("s2", 2, 0), g.longs("e2", frames + 2, tail), g.longs("axes12", 1, 2));
        ONNXRef<?> framed = g.op("Concat", List.of(f0, f1, f2), Map.of("axis", 2));

        // windowed DFT -> power -> mel -> log
        ONNXRef<?> spec = g.op("MatMul", framed, g.constant("dft", dftMatrix(), win, 2L * bins));
        ONNXRef<?> power = g.op("Mul", spec, spec);
        ONNXRef<?> melPower = g.op("MatMul", power, g.constant("mel", stackedMel(), 2L * bins, bands));
        ONNXRef<?> logMel = g.op("Log", g.op("Add", melPower, g.scalar("log_eps", (float) LogMelSpec.LOG_EPS)));

        // head input 1: loudness of the row, dBFS
        ONNXRef<?> meanSquare = g.op("ReduceMean", List.of(g.op("Mul", wave, wave)), Map.of("axes", new int[] {1}, "keepdims", 0));
        ONNXRef<?> loudness = g.op("Mul",
                g.op("Log", g.op("Add", meanSquare, g.scalar("power_eps", 1e-12f))),
                g.scalar("ln_to_db", (float) (10.0 / Math.log(10.0))));

        // head input 2: high-band share of the mel power
        ONNXRef<?> sel = g.op("MatMul", melPower, g.constant("band_select", bandSelect(), bands, 2));
        ONNXRef<?> bandMean = g.op("ReduceMean", List.of(sel), Map.of("axes", new int[] {1}, "keepdims", 0));
        ONNXRef<?> total = g.op("Slice", bandMean, g.longs("t_s", 0), g.longs("t_e", 1), axis1);
        ONNXRef<?> highPart = g.op("Slice", bandMean, g.longs("h_s", 1), g.longs("h_e", 2), axis1);
        ONNXRef<?> share = g.op("Reshape",
                g.op("Div", highPart, g.op("Add", total, g.scalar("share_eps", 1e-10f))),
                g.longs("flat", -1));

        // head input 3: onset flux within the row
        ONNXRef<?> cur = g.op("Slice", logMel, g.longs("c_s", 1), g.longs("c_e", frames), axis1);
        ONNXRef<?> prev = g.op("Slice", logMel, g.longs("p_s", 0), g.longs("p_e", frames - 1), axis1);
        ONNXRef<?> flux = g.op("ReduceMean", List.of(g.op("Relu", g.op("Sub", cur, prev))),
                Map.of("axes", new int[] {1, 2}, "keepdims", 0));

        // head: logistic of a linear form (coefficients from ExcitementHead)
        ONNXRef<?> z = g.op("Add",
                g.op("Add",
                        g.op("Add",
                                g.op("Mul", loudness, g.scalar("w_loudness", (float) ExcitementHead.loudnessCoefficient())),
                                g.op("Mul", share, g.scalar("w_high_band", (float) ExcitementHead.W_HIGH_BAND))),
                        g.op("Mul", flux, g.scalar("w_flux", (float) ExcitementHead.W_FLUX))),
                g.scalar("bias", (float) ExcitementHead.constantTerm()));
        g.output(g.op("Sigmoid", z), SCORE, -1);
        g.output(loudness, "loudness_db", -1);
        g.output(share, "high_share", -1);
        g.output(flux, "onset_flux", -1);
        if (diagnostics) {
            g.output(logMel, "logmel", -1, frames, bands);
        }

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("name", ID);
        meta.put("sample_rate", Integer.toString(sr));
        meta.put("description", "Log-mel front end (25 ms Hann, 10 ms hop, 512-FFT, 64 HTK mel bands 125-7500 Hz)"
                + " and a logistic excitement head of loudness, high-band share and onset flux.");
        meta.put("head", String.format(java.util.Locale.ROOT,
                "z=%.3f+%.3f*(loudness_db-(%.1f))/10+%.3f*(high_share-%.3f)+%.3f*(onset_flux-%.3f); score=sigmoid(z)",
                ExcitementHead.BIAS, ExcitementHead.W_LOUDNESS, ExcitementHead.LOUDNESS_REF_DB,
                ExcitementHead.W_HIGH_BAND, ExcitementHead.HIGH_BAND_REF, ExcitementHead.W_FLUX, ExcitementHead.FLUX_REF));
        return g.toBytes(meta);
    }

    /** {@code [400, 514]}: column k is window x cos(2 pi k t / 512), column 257+k is -window x sin(...). */
    static float[] dftMatrix() {
        int win = LogMelSpec.WINDOW;
        int bins = LogMelSpec.BINS;
        int n = LogMelSpec.FFT_SIZE;
        float[] w = LogMelSpec.window();
        float[] m = new float[win * 2 * bins];
        for (int t = 0; t < win; t++) {
            for (int k = 0; k < bins; k++) {
                double a = 2 * Math.PI * ((long) k * t % n) / n;
                m[t * 2 * bins + k] = (float) (w[t] * Math.cos(a));
                m[t * 2 * bins + bins + k] = (float) (-w[t] * Math.sin(a));
            }
        }
        return m;
    }

    /** {@code [514, 64]}: the mel filters for the real parts, then again for the imaginary parts. */
    static float[] stackedMel() {
        MelFilterbank mel = LogMelSpec.filterbank();
        float[] single = mel.matrixBinsByBands();
        float[] m = new float[2 * single.length];
        System.arraycopy(single, 0, m, 0, single.length);
        System.arraycopy(single, 0, m, single.length, single.length);
        return m;
    }

    /** {@code [64, 2]}: column 0 sums all bands, column 1 the bands centred at or above 2 kHz. */
    static float[] bandSelect() {
        int bands = LogMelSpec.MEL_BANDS;
        float[] m = new float[bands * 2];
        for (int b = 0; b < bands; b++) {
            m[b * 2] = 1f;
            m[b * 2 + 1] = LogMelSpec.isHighBand(b) ? 1f : 0f;
        }
        return m;
    }
}
