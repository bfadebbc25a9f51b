package dev.highlights.ingest.media;

import dev.highlights.ingest.problem.IngestException;
import dev.highlights.media.FfmpegNatives;
import dev.highlights.media.FfmpegProtocols;
import dev.highlights.media.Location;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Opens media with FFmpeg's demuxers (libavformat through JavaCV's bindings) and reports what ingest needs: duration
 * and which streams exist. Nothing is decoded beyond FFmpeg's stream probing. Cover art (an attached picture) does
 * not count as video.
 *
 * <p>FFmpeg only gets the protocols the location needs ({@code protocol_whitelist}), a read timeout for network
 * input, a deadline for the whole probe (an interrupt callback, which JavaCV's grabber does not offer), and a plain
 * media file that turns out to be a playlist or concat script (the hls or concat demuxer) is refused: those would open further files that were never checked against the media roots.
 */
public final class MediaProbe {
    /** Demuxers that open other inputs named inside the file. */
    private static final Set<String> INDIRECT_DEMUXERS = Set.of("hls", "concat", "applehttp", "dash", "ffconcat");

    /**
     * @param durationSec media duration, seconds; null when the container does not say
     * @param format      FFmpeg's demuxer name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
     */
    public record Result(Double durationSec, boolean hasAudio, boolean hasVideo, String format) {
    }

    private final Duration networkTimeout;
    private final Duration probeTimeout;

    /**
     * @param networkTimeout longest wait for one read of network input
     * @param probeTimeout   longest the whole probe may take: a server that sends a byte now and then can hold every
     *                       single read under {@code networkTimeout} for ever
     */
    public MediaProbe(Duration networkTimeout, Duration probeTimeout) {
        this.networkTimeout = networkTimeout;
        this.probeTimeout = probeTimeout;
    }

    /** FFmpeg asks it between reads and while blocked; past the deadline it aborts the probe (AVERROR_EXIT). */
    private static final class Deadline extends AVIOInterruptCB.Callback_Pointer {
        private final long deadlineNanos;

        Deadline(Duration timeout) {
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        }

        boolean passed() {
            return System.nanoTime() - deadlineNanos > 0;
        }

        @Override
        public int call(Pointer opaque) {
            return passed() ? 1 : 0;
        }
    }

    /**
     * Probes {@code location}.
     *
     * @param playlist   the input is an HLS playlist that was parsed and whose entries were checked
     * @param remoteRefs the playlist references http(s) entries
     * @throws IngestException 422 when FFmpeg cannot open it within the probe timeout, it has neither audio nor video,
     *                         or it is an unexpected playlist
     */
    public Result probe(Location location, Subject subject, boolean playlist, boolean remoteRefs) {
        FfmpegNatives.init();
        AVFormatContext ctx = avformat.avformat_alloc_context();
        Deadline deadline = new Deadline(probeTimeout);
        ctx.interrupt_callback().callback(deadline);
        AVDictionary options = new AVDictionary(null);
        avutil.av_dict_set(options, "protocol_whitelist", FfmpegProtocols.forInput(location, playlist, remoteRefs), 0);
        if (location.isRemote() || remoteRefs) {
            avutil.av_dict_set(options, "rw_timeout", Long.toString(networkTimeout.toMillis() * 1000L), 0);
        }
        boolean opened = false;
        try {
            int ret = avformat.avformat_open_input(ctx, location.ffmpegInput(), null, options);
            opened = ret >= 0; // on failure FFmpeg has freed the context
            if (opened) {
                ret = avformat.avformat_find_stream_info(ctx, (PointerPointer<?>) null);
            }
            if (ret < 0) {
                if (deadline.passed()) {
                    throw new IngestException(subject.unreadable(), subject.code("PROBE_TIMEOUT"),
                            "FFmpeg could not open " + subject.noun() + " " + location.uri() + " within "
                                    + probeTimeout.toSeconds() + " s (ingest.probe-timeout)");
                }
                throw new IngestException(subject.unreadable(), subject.code("UNREADABLE"),
                        "FFmpeg cannot read " + subject.noun() + " " + location.uri() + ": " + FfmpegNatives.errorText(ret)
                                + "; check that it is a complete audio/video file in a common container");
            }
            return describe(ctx, location, subject, playlist);
        } finally {
            avutil.av_dict_free(options);
            if (opened) {
                avformat.avformat_close_input(ctx);
            }
            deadline.close();
        }
    }

    private static Result describe(AVFormatContext ctx, Location location, Subject subject, boolean playlist) {
        String format = ctx.iformat() != null && ctx.iformat().name() != null ? ctx.iformat().name().getString() : "";
        if (!playlist) {
            for (String name : format.toLowerCase(Locale.ROOT).split(",")) {
                if (INDIRECT_DEMUXERS.contains(name.trim())) {
                    throw new IngestException(subject.unreadable(), subject.code("INDIRECT_INPUT"),
                            subject.noun() + " " + location.uri() + " is a playlist or concat script (" + format
                                    + "), not a media file; register an HLS playlist with a .m3u8 name");
                }
            }
        }
        boolean audio = false;
        boolean video = false;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream stream = ctx.streams(i);
            int type = stream.codecpar().codec_type();
            if (type == avutil.AVMEDIA_TYPE_AUDIO) {
                audio = true;
            } else if (type == avutil.AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                video = true;
            }
        }
        if (!audio && !video) {
            throw new IngestException(subject.unreadable(), subject.code("NO_STREAMS"),
                    subject.noun() + " " + location.uri() + " has neither an audio nor a video stream");
        }
        long micros = ctx.duration();
        Double duration = micros == avutil.AV_NOPTS_VALUE || micros <= 0 ? null : micros / 1_000_000.0;
        return new Result(duration, audio, video, format);
    }
}
