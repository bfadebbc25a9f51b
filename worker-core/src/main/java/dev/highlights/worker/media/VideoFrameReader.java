package dev.highlights.worker.media;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The video counterpart of {@link AudioDecoder} (a hook for the video worker): decodes the video of a
 * {@link MediaSpan}, scales every frame to a small GRAY8 picture in FFmpeg's scaler
 * ({@code setImageWidth/Height}, {@code AV_PIX_FMT_GRAY8}) and hands over up to
 * {@code framesPerSecond} frames per media second: for each slot {@code [s + k/K, s + (k+1)/K)} the
 * first frame whose timestamp falls in it. Audio streams are discarded; one frame is held at a time.
 *
 * <p>Decoder threads default to 1: the workers parallelise across segments (DESIGN.md measured two
 * single-threaded decoders on two halves beating one threaded decoder). Known cost to remove in the
 * video worker if it shows in profiles: JavaCV scales every decoded frame, including frames between
 * sampled slots; grabbing with processing off and scaling only sampled frames with {@code sws_scale}
 * avoids it.
 */
public final class VideoFrameReader {
    private final int width;
    private final int height;
    private final int framesPerSecond;
    private final int decoderThreads;

    public VideoFrameReader(int width, int height, int framesPerSecond) {
        this(width, height, framesPerSecond, 1);
    }

    public VideoFrameReader(int width, int height, int framesPerSecond, int decoderThreads) {
        if (width <= 0 || height <= 0 || framesPerSecond <= 0 || decoderThreads < 0) {
            throw new IllegalArgumentException("bad video sampling parameters");
        }
        this.width = width;
        this.height = height;
        this.framesPerSecond = framesPerSecond;
        this.decoderThreads = decoderThreads;
    }

    public DecodeSummary read(MediaSpan span, VideoFrameSink sink) throws MediaDecodeException {
        FfmpegSupport.init();
        String uri = span.uri();
        String location = FfmpegSupport.checkedLocation(uri);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
        grabber.setImageWidth(width);
        grabber.setImageHeight(height);
        grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
        grabber.setVideoOption("threads", Integer.toString(decoderThreads));
        if (FfmpegSupport.isNetwork(location)) {
            grabber.setOption("rw_timeout", FfmpegSupport.NETWORK_TIMEOUT_US);
        }
        try {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaDecodeException(MediaDecodeException.Reason.UNREADABLE, uri,
                        "cannot open media " + uri + ": " + FfmpegSupport.describe(e), e);
            }
            if (!grabber.hasVideo()) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_VIDEO_STREAM, uri,
                        "media has no video stream: " + uri);
            }
            AVFormatContext oc = grabber.getFormatContext();
            for (int i = 0; i < oc.nb_streams(); i++) {
                AVStream st = oc.streams(i);
                if (st.codecpar().codec_type() != avutil.AVMEDIA_TYPE_VIDEO) {
                    st.discard(avcodec.AVDISCARD_ALL);
                }
            }
            return run(span, grabber, sink);
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception | RuntimeException ignored) {
                // nothing useful to do
            }
        }
    }

    private DecodeSummary run(MediaSpan span, FFmpegFrameGrabber grabber, VideoFrameSink sink) throws MediaDecodeException {
        String uri = span.uri();
        long startUs = AudioDecoder.startTimeUs(grabber.getFormatContext());
        long warmFrom = span.warmUpSecond();
        long emitFrom = span.firstSecond();
        long end = span.endSecond();
        long seekUs = warmFrom * 1_000_000L - AudioDecoder.SEEK_MARGIN_US;
        if (seekUs > 0) {
            try {
                grabber.setVideoTimestamp(seekUs);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "cannot seek " + uri + " to " + warmFrom + " s: " + FfmpegSupport.describe(e), e);
            }
        }
        long lastKey = Long.MIN_VALUE;
        long lastSecond = -1;
        long firstEmitted = -1;
        long lastEmitted = -1;
        int emitted = 0;
        int warm = 0;
        boolean endOfMedia = false;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, uri, "decoding of " + uri + " was interrupted");
            }
            Frame f;
            try {
                f = grabber.grabImage();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "decoding video of " + uri + " failed: " + FfmpegSupport.describe(e), e);
            }
            if (f == null) {
                endOfMedia = true;
                break;
            }
            if (f.image == null) {
                continue;
            }
            long t = f.timestamp - startUs;
            long second = Math.floorDiv(t, 1_000_000L);
            if (second < warmFrom) {
                continue;
            }
            if (second >= end) {
                break;
            }
            int slot = (int) Math.min(framesPerSecond - 1, (t - second * 1_000_000L) * framesPerSecond / 1_000_000L);
            long key = second * framesPerSecond + slot;
            if (key <= lastKey) {
                continue;
            }
            lastKey = key;
            boolean warmUp = second < emitFrom;
            sink.onFrame(second, slot, t, (ByteBuffer) f.image[0], f.imageWidth, f.imageHeight, f.imageStride, warmUp);
            if (second != lastSecond) {
                lastSecond = second;
                if (warmUp) {
                    warm++;
                } else {
                    emitted++;
                    if (firstEmitted < 0) {
                        firstEmitted = second;
                    }
                    lastEmitted = second;
                }
            }
        }
        return new DecodeSummary(firstEmitted, lastEmitted, emitted, warm, endOfMedia, 0, 0, grabber.getVideoCodecName());
    }
}
