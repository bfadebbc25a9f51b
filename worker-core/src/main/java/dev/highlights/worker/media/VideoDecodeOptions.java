package dev.highlights.worker.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;

/**
 * How {@link VideoFrameDecoder} samples and scales a video stream.
 *
 * @param width           width of the sampled frames, pixels (FFmpeg's scaler does the resize)
 * @param height          height of the sampled frames, pixels
 * @param framesPerSecond K: samples per media second, at media times {@code s + j/K}, j = 0..K-1
 * @param format          pixel format of the sampled frames
 * @param decoderThreads  FFmpeg decoder threads ({@code threads} codec option): 0 = FFmpeg picks
 *                        (frame threading over all cores), 1 = single-threaded. A worker that runs as
 *                        many segments at once as it has cores does best with 1 (see BENCHMARKS.md).
 * @param scalingFlags    swscale algorithm, e.g. {@link swscale#SWS_AREA} (default: good for large
 *                        down-scaling, little aliasing) or {@link swscale#SWS_FAST_BILINEAR}
 * @param skipUnsampled   leave undecoded the pictures that no sample can show and no other picture refers to (the
 *                        non-reference B-frames of most stream encodes); the samples stay those of a full decode.
 *                        Takes effect with one decoder thread only: with frame threading the decoder would apply it
 *                        to another packet than the one it was set for.
 */
public record VideoDecodeOptions(int width, int height, int framesPerSecond, PixelFormat format,
                                 int decoderThreads, int scalingFlags, boolean skipUnsampled) {

    /** Pixel formats a sampled frame can have; all are packed (one plane), 8 bits per channel. */
    public enum PixelFormat {
        /** Blue, green, red bytes per pixel (OpenCV's order). */
        BGR24(avutil.AV_PIX_FMT_BGR24, 3),
        /** Red, green, blue bytes per pixel. */
        RGB24(avutil.AV_PIX_FMT_RGB24, 3),
        /** One grey (luma, full range) byte per pixel. */
        GRAY8(avutil.AV_PIX_FMT_GRAY8, 1);

        private final int avPixelFormat;
        private final int channels;

        PixelFormat(int avPixelFormat, int channels) {
            this.avPixelFormat = avPixelFormat;
            this.channels = channels;
        }

        public int avPixelFormat() {
            return avPixelFormat;
        }

        public int channels() {
            return channels;
        }
    }

    public static final int DEFAULT_WIDTH = 160;
    public static final int DEFAULT_HEIGHT = 90;
    public static final int DEFAULT_FRAMES_PER_SECOND = 4;

    /** With {@code skipUnsampled} on. */
    public VideoDecodeOptions(int width, int height, int framesPerSecond, PixelFormat format, int decoderThreads,
                              int scalingFlags) {
        this(width, height, framesPerSecond, format, decoderThreads, scalingFlags, true);
    }

    public VideoDecodeOptions {
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("frame size must be within 1..8192, got " + width + "x" + height);
        }
        if (framesPerSecond <= 0 || framesPerSecond > 240) {
            throw new IllegalArgumentException("framesPerSecond must be within 1..240, got " + framesPerSecond);
        }
        if (format == null) {
            format = PixelFormat.BGR24;
        }
        if (decoderThreads < 0) {
            throw new IllegalArgumentException("decoderThreads must be >= 0 (0 = FFmpeg picks), got " + decoderThreads);
        }
        if (scalingFlags == 0) {
            scalingFlags = swscale.SWS_AREA;
        }
    }

    /** 160x90 BGR, 4 frames per second, FFmpeg's own threading, area averaging. */
    public static VideoDecodeOptions defaults() {
        return new VideoDecodeOptions(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FRAMES_PER_SECOND,
                PixelFormat.BGR24, 0, swscale.SWS_AREA);
    }

    public VideoDecodeOptions withSize(int w, int h) {
        return new VideoDecodeOptions(w, h, framesPerSecond, format, decoderThreads, scalingFlags, skipUnsampled);
    }

    public VideoDecodeOptions withFramesPerSecond(int k) {
        return new VideoDecodeOptions(width, height, k, format, decoderThreads, scalingFlags, skipUnsampled);
    }

    public VideoDecodeOptions withFormat(PixelFormat f) {
        return new VideoDecodeOptions(width, height, framesPerSecond, f, decoderThreads, scalingFlags, skipUnsampled);
    }

    public VideoDecodeOptions withDecoderThreads(int threads) {
        return new VideoDecodeOptions(width, height, framesPerSecond, format, threads, scalingFlags, skipUnsampled);
    }

    public VideoDecodeOptions withScalingFlags(int flags) {
        return new VideoDecodeOptions(width, height, framesPerSecond, format, decoderThreads, flags, skipUnsampled);
    }

    public VideoDecodeOptions withSkipUnsampled(boolean skip) {
        return new VideoDecodeOptions(width, height, framesPerSecond, format, decoderThreads, scalingFlags, skip);
    }

    /** Bytes per packed row without padding: {@code width * channels}. */
    public int rowBytes() {
        return width * format.channels();
    }
}
