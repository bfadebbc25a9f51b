package dev.highlights.ingest.media;

import dev.highlights.ingest.core.IngestException;
import dev.highlights.media.FfmpegProtocols;
import dev.highlights.media.Location;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Opens media with JavaCV's {@link FFmpegFrameGrabber} (FFmpeg) and reports what ingest needs: duration and
 * which streams exist. Nothing is decoded beyond FFmpeg's stream probing. Cover art (an attached picture) does
 * not count as video.
 *
 * <p>FFmpeg only gets the protocols the location needs ({@code protocol_whitelist}), a read timeout for network
 * input, and a plain media file that turns out to be a playlist or concat script (the hls or concat demuxer) is
 * refused: those would open further files that were never checked against the media roots.
 */
public final class MediaProbe {
    /** Demuxers that open other inputs named inside the file. */
    private static final Set<String> INDIRECT_DEMUXERS = Set.of("hls", "concat", "applehttp", "dash", "ffconcat");
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");
    private static volatile boolean initialised;

    /**
     * @param durationSec media duration, seconds; null when the container does not say
     * @param format      FFmpeg's demuxer name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
     */
    public record Result(Double durationSec, boolean hasAudio, boolean hasVideo, String format) {
    }

    private final Duration networkTimeout;

    public MediaProbe(Duration networkTimeout) {
        this.networkTimeout = networkTimeout;
    }

    /**
     * Probes {@code location}.
     *
     * @param playlist   the input is an HLS playlist that was parsed and whose entries were checked
     * @param remoteRefs the playlist references http(s) entries
     * @throws IngestException 422 when FFmpeg cannot open it, it has neither audio nor video, or it is an
     *                         unexpected playlist
     */
    public Result probe(Location location, Subject subject, boolean playlist, boolean remoteRefs) {
        init();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location.ffmpegInput());
        grabber.setOption("protocol_whitelist", FfmpegProtocols.forInput(location, playlist, remoteRefs));
        if (location.isRemote() || remoteRefs) {
            grabber.setOption("rw_timeout", Long.toString(networkTimeout.toMillis() * 1000L));
        }
        try {
            try {
                grabber.start();
            } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
                throw new IngestException(subject.unreadable(), subject.code("UNREADABLE"),
                        "FFmpeg cannot read " + subject.noun() + " " + location.uri() + ": " + describe(e)
                                + "; check that it is a complete audio/video file in a common container");
            }
            AVFormatContext ctx = grabber.getFormatContext();
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
        } finally {
            try {
                grabber.release();
            } catch (FFmpegFrameGrabber.Exception | RuntimeException ignored) {
                // closing a probe: nothing to recover
            }
        }
    }

    private static void init() {
        if (initialised) {
            return;
        }
        synchronized (MediaProbe.class) {
            if (!initialised) {
                try {
                    FFmpegFrameGrabber.tryLoad();
                } catch (FFmpegFrameGrabber.Exception e) {
                    throw new IllegalStateException("cannot load the FFmpeg natives: " + e.getMessage(), e);
                }
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                initialised = true;
            }
        }
    }

    /** JavaCV's message with FFmpeg's text for the error code it carries. */
    static String describe(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = ERROR_CODE.matcher(msg);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                byte[] buf = new byte[256];
                if (avutil.av_strerror(code, buf, buf.length) == 0) {
                    int len = 0;
                    while (len < buf.length && buf[len] != 0) {
                        len++;
                    }
                    return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8) + " (" + msg + ")";
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return msg;
    }
}
