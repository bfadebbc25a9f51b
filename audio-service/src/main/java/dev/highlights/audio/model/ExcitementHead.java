package dev.highlights.audio.model;

/**
 * The default model's excitement head: a logistic function of three per-second quantities, with
 * every coefficient here and nowhere else (the ONNX graph is built from these constants).
 *
 * <pre>
 *   z     = BIAS
 *         + W_LOUDNESS  * (loudnessDb - LOUDNESS_REF_DB) / 10     (per 10 dB above a normal voice level)
 *         + W_HIGH_BAND * (highBandShare - HIGH_BAND_REF)         (share of mel power at or above 2 kHz)
 *         + W_FLUX      * (onsetFlux - FLUX_REF)                  (mean positive log-mel increase per frame)
 *   score = 1 / (1 + e^-z)
 * </pre>
 *
 * Why these terms: excitement on a stream is loud (shouting, crowd, explosions), broadband (screams,
 * cheers, impacts and noise put energy above 2 kHz; calm speech and music keep most of it below) and
 * eventful (many onsets). Calibration: a calm voice at -30 dBFS with a typical spectrum scores about
 * 0.12; the same 20 dB louder about 0.6; silence about 0; broadband noise at -10 dBFS about 0.85. The
 * loudness is absolute (dBFS of the second), so mixes that are quiet overall score lower everywhere:
 * downstream fusion compares scores within a VOD (rolling z-scores), which removes that offset.
 */
public final class ExcitementHead {
    /** Log-odds at the reference point (calm voice level, typical spectrum, typical flux): about 0.12. */
    public static final double BIAS = -2.0;
    /** Log-odds per 10 dB of RMS level above {@link #LOUDNESS_REF_DB}. */
    public static final double W_LOUDNESS = 1.2;
    /** A normal voice level on a stream mix, dBFS. */
    public static final double LOUDNESS_REF_DB = -30.0;
    /** Log-odds per unit of high-band share (0..1) above {@link #HIGH_BAND_REF}. */
    public static final double W_HIGH_BAND = 3.0;
    /** High-band share of a typical speech/game mix. */
    public static final double HIGH_BAND_REF = 0.25;
    /** Log-odds per unit of onset flux above {@link #FLUX_REF} (natural-log units per frame). */
    public static final double W_FLUX = 1.0;
    /** Onset flux of steady sound (the fluctuation of stationary noise alone). */
    public static final double FLUX_REF = 0.4;

    private ExcitementHead() {
    }

    /** Log-odds of excitement (the reference the ONNX head computes). */
    public static double logit(double loudnessDb, double highBandShare, double onsetFlux) {
        return BIAS
                + W_LOUDNESS * (loudnessDb - LOUDNESS_REF_DB) / 10.0
                + W_HIGH_BAND * (highBandShare - HIGH_BAND_REF)
                + W_FLUX * (onsetFlux - FLUX_REF);
    }

    /** Excitement 0..1 (the reference the ONNX head computes). */
    public static double score(double loudnessDb, double highBandShare, double onsetFlux) {
        return 1.0 / (1.0 + Math.exp(-logit(loudnessDb, highBandShare, onsetFlux)));
    }

    /** Coefficients of the linear form {@code z = cL * loudnessDb + cH * share + cF * flux + c0}. */
    static double loudnessCoefficient() {
        return W_LOUDNESS / 10.0;
    }

    static double constantTerm() {
        return BIAS - W_LOUDNESS * LOUDNESS_REF_DB / 10.0 - W_HIGH_BAND * HIGH_BAND_REF - W_FLUX * FLUX_REF;
    }
}
