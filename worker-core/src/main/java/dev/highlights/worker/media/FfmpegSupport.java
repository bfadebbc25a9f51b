package dev.highlights.worker.media;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Shared FFmpeg/JavaCV plumbing: one-time setup, media locations, readable error messages. */
public final class FfmpegSupport {
    /** System property for FFmpeg's own log level: quiet, fatal, error (default), warning, info, debug. */
    public static final String LOG_LEVEL_PROPERTY = "highlights.ffmpeg.loglevel";
    /** Read/write timeout for network inputs, microseconds (a stalled URL must not hang a worker). */
    static final String NETWORK_TIMEOUT_US = "30000000";

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");
    private static volatile boolean initialised;

    private FfmpegSupport() {
    }

    /** Loads the FFmpeg natives and sets FFmpeg's log level once per process. */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (FfmpegSupport.class) {
            if (initialised) {
                return;
            }
            try {
                FFmpegFrameGrabber.tryLoad();
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new IllegalStateException("cannot load the FFmpeg natives: " + e.getMessage(), e);
            }
            avutil.av_log_set_level(logLevel(System.getProperty(LOG_LEVEL_PROPERTY, "error")));
            initialised = true;
        }
    }

    static int logLevel(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "quiet" -> avutil.AV_LOG_QUIET;
            case "fatal" -> avutil.AV_LOG_FATAL;
            case "warning" -> avutil.AV_LOG_WARNING;
            case "info" -> avutil.AV_LOG_INFO;
            case "verbose" -> avutil.AV_LOG_VERBOSE;
            case "debug" -> avutil.AV_LOG_DEBUG;
            default -> avutil.AV_LOG_ERROR;
        };
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

    /** JavaCV's message with FFmpeg's text for the error code it carries, e.g. "Invalid data found ...". */
    public static String describe(Throwable e) {
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
