package dev.highlights.video;

import dev.highlights.video.model.ModelSpec;
import dev.highlights.worker.media.VideoDecodeOptions;

/**
 * Settings of the video analysis (decode, features, model). No defaults here: the service's configuration mapping
 * ({@code VideoServiceConfig}) is their one source and builds this record; the {@code with...} methods return changed
 * copies.
 *
 * @param width                 analysis width, pixels
 * @param height                analysis height, pixels
 * @param framesPerSecond       K, samples per media second
 * @param decoderThreads        FFmpeg decoder threads per segment: 0 = FFmpeg picks, 1 when
 *                              the worker runs as many segments at once as it has cores
 * @param skipUnsampled         leave undecoded the pictures no sample can show and none refers to
 *                              ({@link VideoDecodeOptions#skipUnsampled()}; with one decoder thread)
 * @param sceneCutThreshold     HSV content difference (0..255) at or above which a pair of samples is a
 *                              hard cut
 * @param staticMotionThreshold motion (0..255) below which a second is quiet
 * @param staticMinRunSec       quiet seconds in a row that make a static screen
 * @param staticLookAheadSec    seconds of look-ahead for static screens, 0..minRun-1, or -1 for
 *                              {@code staticMinRunSec - 1}
 * @param minPreRollSec         pre-roll decoded before a segment whatever the work item says, so that
 *                              differences and static runs at its start are exact; -1 for
 *                              {@code staticMinRunSec} (see {@link #effectiveMinPreRollSec()})
 * @param batchSize             seconds per model run
 * @param model                 which model scores the seconds
 */
public record VideoAnalysisConfig(int width, int height, int framesPerSecond, int decoderThreads,
                                  boolean skipUnsampled, double sceneCutThreshold, double staticMotionThreshold,
                                  int staticMinRunSec, int staticLookAheadSec, double minPreRollSec, int batchSize,
                                  ModelSpec model) {

    public VideoAnalysisConfig {
        // Validates size, K and threads.
        new VideoDecodeOptions(width, height, framesPerSecond, VideoDecodeOptions.PixelFormat.BGR24, decoderThreads, 0);
        if (!(sceneCutThreshold > 0) || Double.isInfinite(sceneCutThreshold)) {
            throw new IllegalArgumentException("sceneCutThreshold must be > 0, got " + sceneCutThreshold);
        }
        if (!(staticMotionThreshold >= 0) || Double.isInfinite(staticMotionThreshold)) {
            throw new IllegalArgumentException("staticMotionThreshold must be >= 0, got " + staticMotionThreshold);
        }
        if (staticMinRunSec < 1) {
            throw new IllegalArgumentException("staticMinRunSec must be >= 1, got " + staticMinRunSec);
        }
        if (staticLookAheadSec < 0) {
            staticLookAheadSec = staticMinRunSec - 1;
        }
        if (staticLookAheadSec > staticMinRunSec - 1) {
            throw new IllegalArgumentException("staticLookAheadSec must be within 0.." + (staticMinRunSec - 1)
                    + ", got " + staticLookAheadSec);
        }
        if (Double.isNaN(minPreRollSec) || Double.isInfinite(minPreRollSec)) {
            throw new IllegalArgumentException("minPreRollSec must be finite, got " + minPreRollSec);
        }
        if (minPreRollSec < 0) {
            minPreRollSec = -1;
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (model == null) {
            model = ModelSpec.defaultModel();
        }
    }

    /** Pre-roll decoded before every segment at least: {@code minPreRollSec}, or {@code staticMinRunSec} by default. */
    public double effectiveMinPreRollSec() {
        return minPreRollSec < 0 ? staticMinRunSec : minPreRollSec;
    }

    /** The decoder settings: BGR samples at the analysis size. */
    public VideoDecodeOptions decodeOptions() {
        return new VideoDecodeOptions(width, height, framesPerSecond, VideoDecodeOptions.PixelFormat.BGR24,
                decoderThreads, 0, skipUnsampled);
    }

    public VideoAnalysisConfig withSize(int w, int h) {
        return new VideoAnalysisConfig(w, h, framesPerSecond, decoderThreads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, model);
    }

    public VideoAnalysisConfig withFramesPerSecond(int k) {
        return new VideoAnalysisConfig(width, height, k, decoderThreads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, model);
    }

    public VideoAnalysisConfig withDecoderThreads(int threads) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, threads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, model);
    }

    public VideoAnalysisConfig withSkipUnsampled(boolean skip) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skip, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, model);
    }

    public VideoAnalysisConfig withSceneCutThreshold(double t) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skipUnsampled, t,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, model);
    }

    /** Static-screen rule: motion threshold, minimum run, look-ahead (-1: minRun - 1). */
    public VideoAnalysisConfig withStaticScreen(double motionThreshold, int minRunSec, int lookAheadSec) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skipUnsampled, sceneCutThreshold,
                motionThreshold, minRunSec, lookAheadSec, minPreRollSec, batchSize, model);
    }

    public VideoAnalysisConfig withMinPreRollSec(double sec) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, sec, batchSize, model);
    }


    public VideoAnalysisConfig withBatchSize(int n) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, n, model);
    }

    public VideoAnalysisConfig withModel(ModelSpec spec) {
        return new VideoAnalysisConfig(width, height, framesPerSecond, decoderThreads, skipUnsampled, sceneCutThreshold,
                staticMotionThreshold, staticMinRunSec, staticLookAheadSec, minPreRollSec, batchSize, spec);
    }
}
