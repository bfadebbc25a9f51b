package dev.highlights.worker.media;

import dev.highlights.media.FfmpegNatives;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the video of a {@link MediaSpan} with JavaCV's {@link FFmpegFrameGrabber} and hands a
 * {@link FrameSink} K small frames per media second (default 4 at 160x90 BGR).
 *
 * <ul>
 *   <li><b>Sampling by media time.</b> Sample j of second s shows the picture on screen at media
 *       time {@code s + j/K}: the last decoded picture whose timestamp is at or before that time (a
 *       reference to it is held until the next picture arrives). Constant, variable and low frame
 *       rates all give K samples per second; a sample with no new picture is flagged
 *       {@link SampledFrame#repeated()} and not scaled again. Timestamps are the pictures' own
 *       (best-effort) presentation times minus the container start time, so a segment decoded after a
 *       seek gets the very samples a decode of the whole file gets.</li>
 *   <li><b>One conversion per sample, none for the rest.</b> The grabber runs in
 *       {@link FrameGrabber.ImageMode#RAW} (no conversion of every decoded picture); only sampled
 *       pictures go through FFmpeg's scaler (swscale, {@link VideoDecodeOptions#scalingFlags()}), which
 *       resizes and converts the colour format in one pass, straight from the decoder's buffer into
 *       one reusable native output buffer. At 30 fps and K = 4, 26 of 30 pictures per second are
 *       decoded and dropped without being touched.</li>
 *   <li><b>Bounded memory.</b> Besides the decoder's own frames (its threads), one held picture
 *       reference and one small output buffer.</li>
 *   <li><b>Span.</b> Decoding starts with a seek shortly before {@link MediaSpan#warmUpSecond()} and
 *       stops once the last sample before {@link MediaSpan#endSecond()} is out (or the sink says
 *       stop). Only the video stream is read: every other stream is discarded right after opening.</li>
 *   <li><b>Threads.</b> FFmpeg's own decoder threading per {@link VideoDecodeOptions#decoderThreads()};
 *       the samples are delivered on the calling thread.</li>
 * </ul>
 *
 * Thread-safe (no shared state): one decode per calling thread.
 */
public final class VideoFrameDecoder {
    private final VideoDecodeOptions options;

    public VideoFrameDecoder() {
        this(VideoDecodeOptions.defaults());
    }

    public VideoFrameDecoder(VideoDecodeOptions options) {
        this.options = options == null ? VideoDecodeOptions.defaults() : options;
    }

    public VideoDecodeOptions options() {
        return options;
    }

    /**
     * Decodes {@code span} and calls {@code sink} for each sample, warm-up seconds first. Exceptions
     * thrown by the sink propagate unchanged (they are not media errors).
     *
     * @throws MediaDecodeException the media is missing, unreadable, has no video stream, or fails to
     *                              decode part way; or the thread was interrupted
     */
    public VideoDecodeSummary decode(MediaSpan span, FrameSink sink) throws MediaDecodeException {
        String uri = span.uri();
        try (FfmpegSupport.OpenInput input = FfmpegSupport.open(span, g -> {
            g.setImageMode(FrameGrabber.ImageMode.RAW);
            g.setVideoOption("threads", options.decoderThreads() == 0 ? "auto" : Integer.toString(options.decoderThreads()));
            // No in-loop deblocking: it smooths block edges that the scale to the analysis size (160x90) averages
            // away anyway, and costs about a tenth of an H.264 decode (BENCHMARKS.md, decoding levers).
            g.setVideoOption("skip_loop_filter", "all");
        })) {
            FFmpegFrameGrabber grabber = input.grabber();
            AVStream video = videoStream(grabber);
            if (video == null) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_VIDEO_STREAM, uri,
                        "media has no video stream: " + uri);
            }
            discardAllBut(grabber.getFormatContext(), video.index());
            try (Run run = new Run(span, grabber, sink)) {
                return run.go();
            }
        }
    }

    /** The stream the grabber decodes, or null when there is no real video (none, or only cover art). */
    static AVStream videoStream(FFmpegFrameGrabber grabber) {
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            return null;
        }
        AVFormatContext oc = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        AVStream st = null;
        if (index >= 0 && index < oc.nb_streams()) {
            st = oc.streams(index);
        } else {
            for (int i = 0; i < oc.nb_streams(); i++) {
                if (oc.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    st = oc.streams(i);
                    break;
                }
            }
        }
        if (st == null || st.codecpar().codec_type() != avutil.AVMEDIA_TYPE_VIDEO
                || (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0) {
            return null;
        }
        return st;
    }

    static void discardAllBut(AVFormatContext oc, int keep) {
        for (int i = 0; i < oc.nb_streams(); i++) {
            if (i != keep) {
                oc.streams(i).discard(avcodec.AVDISCARD_ALL);
            }
        }
    }

    /** One decode pass: the grabber, the held picture, the scaler and its output buffer. */
    private final class Run implements AutoCloseable {
        private final MediaSpan span;
        private final String uri;
        private final FFmpegFrameGrabber grabber;
        private final FrameSink sink;
        private final int k;
        private final long endSample;
        private final long firstEmitSecond;
        private final AVFrame held;
        private final BytePointer out;
        private final PointerPointer<BytePointer> outPlanes;
        private final IntPointer outStrides;
        private final SampledFrame view;
        private SwsContext sws;
        private boolean haveHeld;
        private long heldTimeUs;
        private long prevHeldTimeUs = Long.MIN_VALUE;
        private long heldSerial;
        private long scaledSerial = -1;
        private long nextSample;
        private boolean stopped;
        // summary
        private long framesDecoded;
        private long samples;
        private long framesScaled;
        private long scaleNanos;
        private long sinkNanos;
        private long firstSecond = -1;
        private long lastSecond = -1;
        private long lastCountedSecond = Long.MIN_VALUE;
        private int secondsSampled;
        private int warmUpSeconds;

        Run(MediaSpan span, FFmpegFrameGrabber grabber, FrameSink sink) {
            this.span = span;
            this.uri = span.uri();
            this.grabber = grabber;
            this.sink = sink;
            this.k = options.framesPerSecond();
            long end = span.endSecond();
            this.endSample = end >= Long.MAX_VALUE / k ? Long.MAX_VALUE : end * k;
            this.firstEmitSecond = span.firstSecond();
            this.nextSample = span.warmUpSecond() * k;
            int stride = align(options.rowBytes(), 64);
            long size = (long) stride * options.height();
            this.out = new BytePointer(avutil.av_malloc(size + 64)).capacity(size);
            this.outPlanes = new PointerPointer<BytePointer>(4).put(0, out);
            this.outStrides = new IntPointer(4).put(0, stride);
            this.view = new SampledFrame(options.width(), options.height(), stride, k, options.format(),
                    out.asByteBuffer().asReadOnlyBuffer());
            this.held = avutil.av_frame_alloc();
        }

        VideoDecodeSummary go() throws MediaDecodeException {
            long startUs = FfmpegSupport.zeroUs(grabber.getFormatContext(), span);
            boolean endOfMedia = false;
            long seekUs = FfmpegSupport.seekUs(span);
            if (nextSample >= endSample) {
                return summary(false);
            }
            if (seekUs > 0 && !seek(seekUs)) {
                return summary(true);
            }
            while (!stopped) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, uri,
                            "decoding of " + uri + " was interrupted");
                }
                Frame frame;
                try {
                    frame = grabber.grabImage();
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                            "decoding video of " + uri + " failed after " + framesDecoded + " frames: "
                                    + FfmpegNatives.describe(e), e);
                }
                if (frame == null) {
                    endOfMedia = true;
                    break;
                }
                if (!(frame.opaque instanceof AVFrame picture) || picture.isNull()) {
                    continue;
                }
                framesDecoded++;
                long t = frame.timestamp - startUs;
                if (haveHeld && t <= heldTimeUs) {
                    continue; // out of order or duplicate timestamp: keep the earlier picture
                }
                if (haveHeld) {
                    emitUntil(t);
                } else {
                    // Nothing was on screen before the first picture: skip the samples before it.
                    nextSample = Math.max(nextSample, firstSampleAtOrAfter(t));
                }
                if (stopped || nextSample >= endSample) {
                    break;
                }
                avutil.av_frame_unref(held);
                if (avutil.av_frame_ref(held, picture) < 0) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                            "cannot reference a decoded picture of " + uri);
                }
                prevHeldTimeUs = haveHeld ? heldTimeUs : Long.MIN_VALUE;
                heldTimeUs = t;
                heldSerial++;
                haveHeld = true;
            }
            if (endOfMedia && haveHeld && !stopped) {
                // The last picture stays on screen as long as the one before it did (or one frame period).
                long dur = prevHeldTimeUs != Long.MIN_VALUE ? heldTimeUs - prevHeldTimeUs : framePeriodUs();
                emitUntil(heldTimeUs + Math.max(1, dur));
            }
            return summary(endOfMedia);
        }

        private long framePeriodUs() {
            double fps = grabber.getFrameRate();
            return fps > 0 && Double.isFinite(fps) ? Math.round(1_000_000.0 / fps) : 1_000_000L / k;
        }

        /** Index of the first sample whose time is at or after {@code tUs}: ceil(tUs * K / 1e6). */
        private long firstSampleAtOrAfter(long tUs) {
            return Math.floorDiv(tUs * k + 999_999, 1_000_000L);
        }

        /** Emits the held picture for every sample with time before {@code limitUs}. */
        private void emitUntil(long limitUs) throws MediaDecodeException {
            long limit = Math.min(endSample, firstSampleAtOrAfter(limitUs));
            while (nextSample < limit && !stopped) {
                long second = Math.floorDiv(nextSample, k);
                int slot = (int) (nextSample - second * k);
                boolean repeated = scaledSerial == heldSerial;
                if (!repeated) {
                    scale();
                    scaledSerial = heldSerial;
                }
                boolean warmUp = second < firstEmitSecond;
                count(second, warmUp);
                view.set(second, slot, heldTimeUs, repeated, warmUp);
                long t0 = System.nanoTime();
                boolean goOn = sink.onFrame(view);
                sinkNanos += System.nanoTime() - t0;
                samples++;
                nextSample++;
                if (!goOn) {
                    stopped = true;
                }
            }
        }

        private void count(long second, boolean warmUp) {
            if (second == lastCountedSecond) {
                return;
            }
            lastCountedSecond = second;
            if (warmUp) {
                warmUpSeconds++;
            } else {
                secondsSampled++;
                if (firstSecond < 0) {
                    firstSecond = second;
                }
                lastSecond = second;
            }
        }

        private void scale() throws MediaDecodeException {
            long t0 = System.nanoTime();
            sws = swscale.sws_getCachedContext(sws, held.width(), held.height(), held.format(),
                    options.width(), options.height(), options.format().avPixelFormat(), options.scalingFlags(),
                    null, null, (DoublePointer) null);
            if (sws == null || sws.isNull()) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "cannot convert " + held.width() + "x" + held.height() + " pictures of pixel format "
                                + held.format() + " in " + uri);
            }
            int rows = swscale.sws_scale(sws, held.data(), held.linesize(), 0, held.height(), outPlanes, outStrides);
            if (rows <= 0) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "scaling a picture of " + uri + " failed: " + rows);
            }
            framesScaled++;
            scaleNanos += System.nanoTime() - t0;
        }

        private boolean seek(long mediaUs) {
            return FfmpegSupport.seek(grabber, mediaUs, grabber::setVideoTimestamp, () -> {
                AVStream st = videoStream(grabber);
                if (st != null) {
                    discardAllBut(grabber.getFormatContext(), st.index());
                }
            });
        }

        private VideoDecodeSummary summary(boolean endOfMedia) {
            return new VideoDecodeSummary(firstSecond, lastSecond, secondsSampled, warmUpSeconds, endOfMedia,
                    stopped, framesDecoded, samples, framesScaled, scaleNanos, sinkNanos,
                    grabber.getImageWidth(), grabber.getImageHeight(), safeFrameRate(), grabber.getVideoCodecName());
        }

        private double safeFrameRate() {
            double fps = grabber.getFrameRate();
            return Double.isFinite(fps) && fps > 0 ? fps : 0;
        }

        @Override
        public void close() {
            avutil.av_frame_free(held);
            if (sws != null) {
                swscale.sws_freeContext(sws);
                sws = null;
            }
            avutil.av_free(out);
            outPlanes.close();
            outStrides.close();
        }
    }

    private static int align(int n, int a) {
        return (n + a - 1) / a * a;
    }
}
