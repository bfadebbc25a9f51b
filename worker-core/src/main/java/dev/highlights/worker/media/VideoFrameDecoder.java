package dev.highlights.worker.media;

import dev.highlights.media.FfmpegNatives;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
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
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the video of a {@link MediaSpan} and hands a {@link FrameSink} K small frames per media second (default 4
 * at 160x90 BGR). JavaCV's {@link FFmpegFrameGrabber} opens the input; the packets are read and decoded here, with
 * FFmpeg's API, so that each packet can be decoded or not.
 *
 * <ul>
 *   <li><b>Sampling by media time.</b> Sample j of second s shows the picture on screen at media
 *       time {@code s + j/K}: the last decoded picture whose timestamp is at or before that time (a
 *       reference to it is held until the next picture arrives). Constant, variable and low frame
 *       rates all give K samples per second; a sample with no new picture is flagged
 *       {@link SampledFrame#repeated()} and not scaled again. Timestamps are the pictures' own
 *       (best-effort) presentation times minus the container start time, so a segment decoded after a
 *       seek gets the very samples a decode of the whole file gets.</li>
 *   <li><b>Decode what a sample can show.</b> A picture that no other picture refers to (a non-reference
 *       B-frame) and that no sample can show is not decoded ({@link VideoDecodeOptions#skipUnsampled()}): on the
 *       encodes streams use, about a third of a decode (BENCHMARKS.md, decoding levers).</li>
 *   <li><b>One conversion per sample, none for the rest.</b> Only sampled pictures go through FFmpeg's scaler
 *       (swscale, {@link VideoDecodeOptions#scalingFlags()}), which resizes and converts the colour format in one
 *       pass, straight from the decoder's buffer into one reusable native output buffer.</li>
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
            g.setVideoOption("threads", "1"); // the grabber's own video decoder is opened, never used
        })) {
            FFmpegFrameGrabber grabber = input.grabber();
            AVStream video = videoStream(grabber);
            if (video == null) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_VIDEO_STREAM, uri,
                        "media has no video stream: " + uri);
            }
            discardAllBut(grabber.getFormatContext(), video.index());
            try (Run run = new Run(span, grabber, video, sink)) {
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

    /** One decode pass: the input, its decoder, the held picture, the scaler and its output buffer. */
    private final class Run implements AutoCloseable {
        private final MediaSpan span;
        private final String uri;
        private final FFmpegFrameGrabber grabber;
        private final AVFormatContext input;
        private final AVStream stream;
        private final AVRational timeBase;
        private final FrameSink sink;
        private final int k;
        private final long endSample;
        private final long firstEmitSecond;
        /** How far after a picture's time a sample may still show it, when pictures may be left undecoded; else 0. */
        private final long showsForUs;
        private final AVCodecContext decoder;
        private final AVPacket packet;
        private final AVFrame picture;
        private final AVFrame held;
        private final BytePointer out;
        private final PointerPointer<BytePointer> outPlanes;
        private final IntPointer outStrides;
        private final SampledFrame view;
        /** The input time of media second 0: pictures' and packets' times are taken from it. */
        private final long startUs;
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

        Run(MediaSpan span, FFmpegFrameGrabber grabber, AVStream stream, FrameSink sink) throws MediaDecodeException {
            this.span = span;
            this.uri = span.uri();
            this.grabber = grabber;
            this.input = grabber.getFormatContext();
            this.stream = stream;
            this.timeBase = stream.time_base();
            this.startUs = FfmpegSupport.zeroUs(input, span);
            this.sink = sink;
            this.k = options.framesPerSecond();
            long end = span.endSecond();
            this.endSample = end >= Long.MAX_VALUE / k ? Long.MAX_VALUE : end * k;
            this.firstEmitSecond = span.firstSecond();
            this.nextSample = span.warmUpSecond() * k;
            this.decoder = openDecoder(); // first: it may fail, and nothing else is allocated yet
            double fps = grabber.getFrameRate();
            // One and a half frame periods: a sample within a period of a picture's time is the one it might show.
            this.showsForUs = options.skipUnsampled() && options.decoderThreads() == 1 && fps > 0
                    && Double.isFinite(fps) ? Math.round(1_500_000.0 / fps) : 0;
            int stride = align(options.rowBytes(), 64);
            long size = (long) stride * options.height();
            this.out = new BytePointer(avutil.av_malloc(size + 64)).capacity(size);
            this.outPlanes = new PointerPointer<BytePointer>(4).put(0, out);
            this.outStrides = new IntPointer(4).put(0, stride);
            this.view = new SampledFrame(options.width(), options.height(), stride, k, options.format(),
                    out.asByteBuffer().asReadOnlyBuffer());
            this.held = avutil.av_frame_alloc();
            this.picture = avutil.av_frame_alloc();
            this.packet = avcodec.av_packet_alloc();
        }

        private AVCodecContext openDecoder() throws MediaDecodeException {
            AVCodec codec = avcodec.avcodec_find_decoder(stream.codecpar().codec_id());
            AVCodecContext c = codec == null ? null : avcodec.avcodec_alloc_context3(codec);
            if (c == null || c.isNull()) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "no decoder for the video codec of " + uri + " (" + grabber.getVideoCodecName() + ")");
            }
            AVDictionary settings = new AVDictionary(null);
            try {
                avutil.av_dict_set(settings, "threads",
                        options.decoderThreads() == 0 ? "auto" : Integer.toString(options.decoderThreads()), 0);
                // No in-loop deblocking: it smooths block edges that the scale to the analysis size (160x90)
                // averages away anyway, and costs about a tenth of an H.264 decode (BENCHMARKS.md, decoding levers).
                avutil.av_dict_set(settings, "skip_loop_filter", "all", 0);
                int ret = avcodec.avcodec_parameters_to_context(c, stream.codecpar());
                if (ret >= 0) {
                    c.pkt_timebase(timeBase);
                    ret = avcodec.avcodec_open2(c, codec, settings);
                }
                if (ret < 0) {
                    avcodec.avcodec_free_context(c);
                    throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                            "cannot open the video decoder of " + uri + ": " + FfmpegNatives.errorText(ret));
                }
                return c;
            } finally {
                avutil.av_dict_free(settings);
            }
        }

        VideoDecodeSummary go() throws MediaDecodeException {
            long seekUs = FfmpegSupport.seekUs(span);
            if (nextSample >= endSample) {
                return summary(false);
            }
            if (seekUs > 0 && !seek(seekUs)) {
                return summary(true);
            }
            boolean endOfMedia = false;
            while (!stopped && nextSample < endSample) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, uri,
                            "decoding of " + uri + " was interrupted");
                }
                int ret = avformat.av_read_frame(input, packet);
                if (ret == avutil.AVERROR_EAGAIN()) {
                    pause();
                    continue;
                }
                if (ret < 0) {
                    // The end, or an input that cannot be read on: what the decoder holds still comes out.
                    avcodec.avcodec_send_packet(decoder, null);
                    receivePictures();
                    endOfMedia = !stopped && nextSample < endSample;
                    break;
                }
                try {
                    if (packet.stream_index() != stream.index()) {
                        continue;
                    }
                    if (showsForUs > 0) {
                        decoder.skip_frame(maySample(packet) ? avcodec.AVDISCARD_DEFAULT : avcodec.AVDISCARD_NONREF);
                    }
                    // A damaged packet loses its picture, not the decode: the next keyframe repairs it.
                    avcodec.avcodec_send_packet(decoder, packet);
                } finally {
                    avcodec.av_packet_unref(packet);
                }
                receivePictures();
            }
            if (endOfMedia && haveHeld && !stopped) {
                // The last picture stays on screen as long as the one before it did (or one frame period).
                long dur = prevHeldTimeUs != Long.MIN_VALUE ? heldTimeUs - prevHeldTimeUs : framePeriodUs();
                if (showsForUs > 0) {
                    dur = Math.min(dur, framePeriodUs()); // a picture left undecoded in between widens the gap
                }
                emitUntil(heldTimeUs + Math.max(1, dur));
            }
            return summary(endOfMedia);
        }

        private void pause() throws MediaDecodeException {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, uri,
                        "decoding of " + uri + " was interrupted");
            }
        }

        /**
         * Whether a sample may show the picture of this packet: one lies within {@link #showsForUs} of its time, and
         * it is not already out. A packet without a time may.
         */
        private boolean maySample(AVPacket p) {
            long pts = p.pts();
            if (pts == avutil.AV_NOPTS_VALUE) {
                return true;
            }
            long t = timeUs(pts) - startUs; // on the samples' timeline, as a decoded picture's time
            long showsFor = Math.max(showsForUs, p.duration() > 0 ? timeUs(p.duration()) * 3 / 2 : 0);
            long first = Math.max(nextSample, firstSampleAtOrAfter(t));
            // Sample first's time (first / K s) before t + showsFor, without rounding.
            return first < endSample && first * 1_000_000L < (t + showsFor) * k;
        }

        /** Media microseconds of a time in the stream's time base, as JavaCV reckons a frame's timestamp. */
        private long timeUs(long ticks) {
            return 1_000_000L * ticks * timeBase.num() / timeBase.den();
        }

        private void receivePictures() throws MediaDecodeException {
            while (!stopped && nextSample < endSample && avcodec.avcodec_receive_frame(decoder, picture) >= 0) {
                try {
                    take(picture);
                } finally {
                    avutil.av_frame_unref(picture);
                }
            }
        }

        /** A decoded picture: the samples before it get the held one, and it is held in its place. */
        private void take(AVFrame decoded) throws MediaDecodeException {
            framesDecoded++;
            long t = timeUs(decoded.best_effort_timestamp()) - startUs;
            if (haveHeld && t <= heldTimeUs) {
                return; // out of order or duplicate timestamp: keep the earlier picture
            }
            if (haveHeld) {
                emitUntil(t);
            } else {
                // Nothing was on screen before the first picture: skip the samples before it.
                nextSample = Math.max(nextSample, firstSampleAtOrAfter(t));
            }
            if (stopped || nextSample >= endSample) {
                return;
            }
            avutil.av_frame_unref(held);
            if (avutil.av_frame_ref(held, decoded) < 0) {
                throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                        "cannot reference a decoded picture of " + uri);
            }
            prevHeldTimeUs = haveHeld ? heldTimeUs : Long.MIN_VALUE;
            heldTimeUs = t;
            heldSerial++;
            haveHeld = true;
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

        /**
         * Seeks to the keyframe at or before {@code mediaUs}. An input that cannot seek is read from its start, and
         * what comes before the span is dropped. False when {@code mediaUs} lies past the known length.
         */
        private boolean seek(long mediaUs) {
            long lengthUs = grabber.getLengthInTime();
            if (lengthUs > 0 && mediaUs >= lengthUs) {
                return false;
            }
            long target = mediaUs + FfmpegSupport.seekOriginUs(input, span);
            avformat.avformat_seek_file(input, -1, Long.MIN_VALUE, target, target, avformat.AVSEEK_FLAG_BACKWARD);
            avcodec.avcodec_flush_buffers(decoder);
            return true;
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
            avcodec.avcodec_free_context(decoder);
            avcodec.av_packet_free(packet);
            avutil.av_frame_free(picture);
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
