package dev.highlights.worker.media;

import dev.highlights.media.FfmpegNatives;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the audio of a {@link MediaSpan} with JavaCV's {@link FFmpegFrameGrabber} into mono float
 * samples at a fixed rate (16 kHz by default), delivered one media second at a time to a
 * {@link SecondSink}. Streams in chunks (one codec frame at a time); memory is one second plus the
 * codec frame, whatever the media length.
 *
 * <ul>
 *   <li>Only the audio stream is read: every other stream is set to {@code AVDISCARD_ALL} right
 *       after opening, so video packets are neither decoded nor (for MP4) even read.</li>
 *   <li>The grabber returns planar float at the stream's own rate and channel count (no conversion
 *       for AAC/Opus/MP3); channels are averaged to mono here, and the rate conversion is an
 *       {@link AlignedResampler} anchored on frame timestamps.</li>
 *   <li>Seconds are media-time aligned: each frame's timestamp (minus the container start time) gives
 *       its absolute sample index, so a segment decoded after a seek yields the same samples for a
 *       second as a decode of the whole file (bit-identical for PCM, MP3 and most codecs; for AAC
 *       with perceptual noise substitution, FFmpeg's decoder fills noise bands from a pseudo-random
 *       generator whose state depends on every frame decoded before, so those bands differ in their
 *       samples, not their energy: levels agree to about 0.1 dB).</li>
 *   <li>Decoding starts at {@link MediaSpan#warmUpSecond()} (a seek, with a small margin) and stops
 *       once the span's last second is complete.</li>
 * </ul>
 *
 * Runs on the calling thread (one decoder thread per segment); thread-safe (no shared state).
 */
public final class AudioDecoder {
    public static final int DEFAULT_SAMPLE_RATE = 16_000;

    private final int sampleRate;

    public AudioDecoder() {
        this(DEFAULT_SAMPLE_RATE);
    }

    public AudioDecoder(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0");
        }
        this.sampleRate = sampleRate;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Decodes {@code span} and calls {@code sink} for each second, warm-up seconds first. Exceptions
     * thrown by the sink propagate unchanged (they are not media errors).
     *
     * @throws MediaDecodeException the media is missing, unreadable, has no audio stream, or fails to
     *                              decode part way; or {@link MediaDecodeException.Reason#INTERRUPTED}
     *                              when the thread was interrupted (not a media error: do not commit)
     */
    public DecodeSummary decode(MediaSpan span, SecondSink sink) throws MediaDecodeException {
        String uri = span.uri();
        try (FfmpegSupport.OpenInput input = FfmpegSupport.open(span, g -> {
            g.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLTP);
        })) {
            FFmpegFrameGrabber grabber = input.grabber();
            if (!grabber.hasAudio() || grabber.getSampleRate() <= 0) {
                throw new MediaDecodeException(MediaDecodeException.Reason.NO_AUDIO_STREAM, uri,
                        "media has no audio stream: " + uri);
            }
            discardAllButAudio(grabber.getFormatContext());
            return run(span, grabber, sink);
        }
    }

    static void discardAllButAudio(AVFormatContext oc) {
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            if (st.codecpar().codec_type() != avutil.AVMEDIA_TYPE_AUDIO) {
                st.discard(avcodec.AVDISCARD_ALL);
            }
        }
    }

    private DecodeSummary run(MediaSpan span, FFmpegFrameGrabber grabber, SecondSink sink) throws MediaDecodeException {
        String uri = span.uri();
        int inRate = grabber.getSampleRate();
        int channels = Math.max(1, grabber.getAudioChannels());
        String codec = grabber.getAudioCodecName();
        long startUs = FfmpegSupport.zeroUs(grabber.getFormatContext(), span);
        SecondAssembler assembler = SecondAssembler.forSpan(span, sampleRate, sink);
        boolean endOfMedia = false;
        try (AlignedResampler resampler = new AlignedResampler(inRate, sampleRate)) {
            AlignedResampler.Output out = assembler::accept;
            long seekUs = FfmpegSupport.seekUs(span);
            if (seekUs > 0 && !seek(grabber, seekUs)) {
                return summary(assembler, true, inRate, channels, codec);
            }
            float[] mono = new float[0];
            long frameIndex = 0;
            while (!assembler.done()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.INTERRUPTED, uri, "decoding of " + uri + " was interrupted");
                }
                Frame frame;
                try {
                    frame = grabber.grabSamples();
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    throw new MediaDecodeException(MediaDecodeException.Reason.DECODE_FAILED, uri,
                            "decoding audio of " + uri + " failed after " + frameIndex + " frames: "
                                    + FfmpegNatives.describe(e), e);
                }
                if (frame == null) {
                    endOfMedia = true;
                    break;
                }
                if (frame.samples == null || frame.samples.length == 0) {
                    continue;
                }
                frameIndex++;
                int n = downmix(frame.samples, channels, mono);
                if (n > mono.length) {
                    mono = new float[Math.max(n, 2048)];
                    n = downmix(frame.samples, channels, mono);
                }
                long inIndex = Math.round((frame.timestamp - startUs) * (double) inRate / 1_000_000.0);
                resampler.push(inIndex, mono, 0, n, out, assembler::done);
            }
            if (endOfMedia) {
                resampler.flush(out);
                assembler.finish();
            }
        }
        return summary(assembler, endOfMedia, inRate, channels, codec);
    }

    private static boolean seek(FFmpegFrameGrabber grabber, long mediaUs) {
        return FfmpegSupport.seek(grabber, mediaUs, grabber::setAudioTimestamp,
                () -> discardAllButAudio(grabber.getFormatContext()));
    }

    /**
     * Averages the channels of a planar (one buffer per channel) or interleaved frame into
     * {@code mono}; returns the number of samples, or the needed length when {@code mono} is too short.
     */
    static int downmix(Buffer[] samples, int channels, float[] mono) {
        boolean planar = samples.length > 1 || channels == 1;
        if (planar) {
            int n = samples[0].remaining();
            if (mono.length < n) {
                return n;
            }
            int ch = samples.length;
            FloatBuffer b0 = (FloatBuffer) samples[0];
            int p0 = b0.position();
            if (ch == 1) {
                b0.get(p0, mono, 0, n);
                return n;
            }
            for (int i = 0; i < n; i++) {
                mono[i] = b0.get(p0 + i);
            }
            for (int c = 1; c < ch; c++) {
                FloatBuffer b = (FloatBuffer) samples[c];
                int p = b.position();
                for (int i = 0; i < n; i++) {
                    mono[i] += b.get(p + i);
                }
            }
            float scale = 1f / ch;
            for (int i = 0; i < n; i++) {
                mono[i] *= scale;
            }
            return n;
        }
        FloatBuffer b = (FloatBuffer) samples[0];
        int n = b.remaining() / channels;
        if (mono.length < n) {
            return n;
        }
        int p = b.position();
        float scale = 1f / channels;
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (int c = 0; c < channels; c++) {
                s += b.get(p + i * channels + c);
            }
            mono[i] = s * scale;
        }
        return n;
    }

    private static DecodeSummary summary(SecondAssembler a, boolean endOfMedia, int rate, int channels, String codec) {
        return new DecodeSummary(a.firstEmitted(), a.lastEmitted(), a.emitted(), a.warmUps(), endOfMedia,
                rate, channels, codec);
    }
}
