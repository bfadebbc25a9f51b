package dev.highlights.fusion.rules;

/** The per-second scoring rules shared by the reference detector and the streaming engine (docs/detection.md, rules 1-3). */
public final class ModalityScoring {
    private final FusionConfig config;

    public ModalityScoring(FusionConfig config) {
        this.config = config;
    }

    /** Rule 1: points of a chat second given the mean and sd over the seconds that have messages. */
    public double chatPoints(int count, double mean, double sd) {
        if (count <= 0) return 0;
        if (count >= mean + config.chatExceptionalSd() * sd) return config.chatExceptionalPoints();
        if (count >= mean + config.chatHighSd() * sd) return config.chatHighPoints();
        return 0;
    }

    /** Rule 2: a z-score above the threshold scores z, scaled into the fusion as min(z / 3, 1). NaN (no baseline yet) scores 0. */
    public double audioScore(double z) {
        return z > config.audioZThreshold() ? Math.min(z / config.audioZDivisor(), config.audioMaxScore()) : 0;
    }

    /** Rule 3: the larger of the brightness and motion z-scores, above 1, scaled as min(z / 2, 0.5). NaN counts as no signal. */
    public double videoScore(double brightnessZ, double motionZ) {
        double z = videoZ(brightnessZ, motionZ);
        return z > config.videoZThreshold() ? Math.min(z / config.videoZDivisor(), config.videoMaxScore()) : 0;
    }

    /** The video z used by rule 3; NaN when neither is known. */
    public static double videoZ(double brightnessZ, double motionZ) {
        if (Double.isNaN(brightnessZ)) return motionZ;
        if (Double.isNaN(motionZ)) return brightnessZ;
        return Math.max(brightnessZ, motionZ);
    }

    /** A pre-scaled score, clamped into the modality's range so a bad upstream value cannot dominate. */
    public double clampAudio(double score) {
        return Math.max(0, Math.min(score, config.audioMaxScore()));
    }

    public double clampVideo(double score) {
        return Math.max(0, Math.min(score, config.videoMaxScore()));
    }

    /** The level name of a chat score, for reason texts. */
    public String chatLevel(double score) {
        if (score >= config.chatExceptionalPoints()) return "EXCEPTIONAL";
        if (score >= config.chatHighPoints()) return "HIGH";
        return "NONE";
    }
}
