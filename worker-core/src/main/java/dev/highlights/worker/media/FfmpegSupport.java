package dev.highlights.worker.media;

import dev.highlights.media.FfmpegNatives;
import dev.highlights.media.FfmpegProtocols;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The decoders' FFmpeg/JavaCV plumbing: media locations, opening, seeking and closing grabbers (FFmpeg's one-time
 * setup and error texts are media-access's {@link FfmpegNatives}).
 */
public final class FfmpegSupport {
    /** Read/write timeout for network inputs, microseconds (a stalled URL must not hang a worker). */
    static final String NETWORK_TIMEOUT_US = "30000000";
    /** Seek this much before the first warm-up second so the decoder lands before it. */
    static final long SEEK_MARGIN_US = 500_000;

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private FfmpegSupport() {
    }

    /** A local file behind {@code uri} (a plain path or a {@code file:} URI), or null for a URL. */
    public static Path localPath(String uri) {
        if (uri.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Paths.get(URI.create(uri));
            } catch (IllegalArgumentException e) {
                return Paths.get(uri.substring(5));
            }
        }
        if (SCHEME.matcher(uri).find() && !looksLikeWindowsDrive(uri)) {
            return null;
        }
        return Paths.get(uri);
    }

    private static boolean looksLikeWindowsDrive(String uri) {
        return uri.length() > 2 && Character.isLetter(uri.charAt(0)) && uri.charAt(1) == ':'
                && (uri.charAt(2) == '\\' || uri.charAt(2) == '/');
    }

    /**
     * Checks a local media path before FFmpeg sees it (clear NOT_FOUND / UNREADABLE) and returns what
     * to hand to FFmpeg: the absolute path, or the URL unchanged.
     */
    static String checkedLocation(String uri) throws MediaDecodeException {
        Path p = localPath(uri);
        if (p == null) {
            return uri;
        }
        if (!Files.exists(p)) {
            throw new MediaDecodeException(MediaDecodeException.Reason.NOT_FOUND, uri, "media file not found: " + p);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new MediaDecodeException(MediaDecodeException.Reason.UNREADABLE, uri,
                    "media file is not a readable regular file: " + p);
        }
        return p.toAbsolutePath().toString();
    }

    static boolean isNetwork(String location) {
        return localPath(location) == null;
    }

    /**
     * Opens {@code uri} for decoding: {@link FfmpegNatives#init()}, {@link #checkedLocation}, a grabber set up by {@code configure}
     * (plus a read timeout for network inputs), started.
     *
     * @throws MediaDecodeException NOT_FOUND or UNREADABLE (the grabber is closed again)
     */
    static FFmpegFrameGrabber open(String uri, Consumer<FFmpegFrameGrabber> configure) throws MediaDecodeException {
        FfmpegNatives.init();
        String location = checkedLocation(uri);
        return start(location, protocols(location), isNetwork(location), uri, configure);
    }

    /** An open input: its grabber and, for a live span, the playlist written for it. Closing deletes that. */
    record OpenInput(FFmpegFrameGrabber grabber, Path window) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(grabber);
            if (window != null) {
                try {
                    Files.deleteIfExists(window);
                } catch (IOException ignored) {
                    // a temporary file left behind; the system cleans its temporary directory
                }
            }
        }
    }

    /** Opens the media of {@code span}: its one input, or a live span's segments as one playlist. */
    static OpenInput open(MediaSpan span, Consumer<FFmpegFrameGrabber> configure) throws MediaDecodeException {
        if (!span.isLive()) {
            return new OpenInput(open(span.uri(), configure), null);
        }
        FfmpegNatives.init();
        Path window;
        try {
            window = LiveWindow.write(span.pieces());
        } catch (IOException e) {
            throw new MediaDecodeException(MediaDecodeException.Reason.UNREADABLE, span.uri(),
                    "cannot write the playlist of a live work item: " + e.getMessage(), e);
        }
        boolean remote = LiveWindow.hasRemoteEntries(span.pieces());
        try {
            return new OpenInput(start(window.toString(), FfmpegProtocols.forInput(false, true, remote), remote,
                    span.uri(), configure), window);
        } catch (MediaDecodeException | RuntimeException e) {
            new OpenInput(null, window).close();
            throw e;
        }
    }

    private static FFmpegFrameGrabber start(String location, String protocols, boolean network, String shownUri,
                                            Consumer<FFmpegFrameGrabber> configure) throws MediaDecodeException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
        configure.accept(grabber);
        grabber.setOption("protocol_whitelist", protocols);
        if (network) {
            grabber.setOption("rw_timeout", NETWORK_TIMEOUT_US);
        }
        try {
            grabber.start();
            return grabber;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new MediaDecodeException(MediaDecodeException.Reason.UNREADABLE, shownUri,
                    "cannot open media " + shownUri + ": " + FfmpegNatives.describe(e), e);
        }
    }

    /**
     * Only the protocols the input needs: a media file gets {@code file} alone (no {@code concat:} or
     * {@code subfile:} tricks inside it), a URL never reaches local files, an HLS playlist gets what HLS uses.
     */
    static String protocols(String location) {
        Path p = localPath(location);
        if (p == null) {
            return FfmpegProtocols.forInput(true, true, true); // a URL may be a playlist whatever its name
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return FfmpegProtocols.forInput(false, name.endsWith(".m3u8") || name.endsWith(".m3u"), true);
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        if (grabber == null) {
            return;
        }
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // nothing useful to do
        }
    }

    /**
     * Where decoding of {@code span} seeks to, in the input's time: {@link #SEEK_MARGIN_US} before its first warm-up
     * second.
     */
    static long seekUs(MediaSpan span) {
        return span.warmUpSecond() * 1_000_000L - SEEK_MARGIN_US - originUs(span);
    }

    /**
     * The timestamp of media second 0. For one input, the container's start time (what media timestamps are relative
     * to, 0 when unknown). For a live window, the start of its first video frame less the window's origin: HLS
     * segmenters cut at video keyframes, so the {@code #EXTINF} durations that the origin adds up measure from there,
     * and every window of a stream lands on one timeline (the container's start would move with whichever stream's
     * packet comes first in each segment).
     */
    static long zeroUs(AVFormatContext oc, MediaSpan span) {
        if (!span.isLive()) {
            return containerStartUs(oc);
        }
        long video = videoStartUs(oc);
        return (video != avutil.AV_NOPTS_VALUE ? video : containerStartUs(oc)) - originUs(span);
    }

    /** The input's own time, microseconds, that {@link #seekUs} counts from: add it to seek with FFmpeg's API. */
    static long seekOriginUs(AVFormatContext oc, MediaSpan span) {
        return zeroUs(oc, span) + originUs(span);
    }

    private static long containerStartUs(AVFormatContext oc) {
        long t = oc.start_time();
        return t == avutil.AV_NOPTS_VALUE ? 0 : t;
    }

    /** The start time of the first video stream, microseconds, or {@code AV_NOPTS_VALUE}. */
    private static long videoStartUs(AVFormatContext oc) {
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            if (st.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO && st.start_time() != avutil.AV_NOPTS_VALUE
                    && (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return avutil.av_rescale_q(st.start_time(), st.time_base(), avutil.av_make_q(1, 1_000_000));
            }
        }
        return avutil.AV_NOPTS_VALUE;
    }

    private static long originUs(MediaSpan span) {
        return Math.round(span.originSec() * 1_000_000.0);
    }

    /** Sets the decoding position of an open grabber, e.g. {@link FFmpegFrameGrabber#setAudioTimestamp}. */
    @FunctionalInterface
    interface Positioner {
        void seek(long mediaUs) throws FrameGrabber.Exception;
    }

    /**
     * Seeks an open grabber to {@code mediaUs} with {@code positioner}. Where the input is not seekable, it is
     * restarted (decoding from the start; the caller drops what comes before its span) and {@code afterRestart}
     * re-applies the stream selection. False when {@code mediaUs} lies past the known length or the restart fails.
     */
    static boolean seek(FFmpegFrameGrabber grabber, long mediaUs, Positioner positioner, Runnable afterRestart) {
        long lengthUs = grabber.getLengthInTime();
        if (lengthUs > 0 && mediaUs >= lengthUs) {
            return false;
        }
        try {
            positioner.seek(mediaUs);
            return true;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            try {
                grabber.restart();
                afterRestart.run();
                return true;
            } catch (FrameGrabber.Exception | RuntimeException e2) {
                return false;
            }
        }
    }
}
