package dev.highlights.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * FFmpeg as every module that opens media sets it up: the natives loaded once per process, FFmpeg's own log level
 * from {@value #LOG_LEVEL_PROPERTY} ({@code error} unless set: no format dumps on a service's log or a user's
 * terminal), and FFmpeg's words for its error codes.
 */
public final class FfmpegNatives {
    /** System property with FFmpeg's log level: quiet, fatal, error (the default), warning, info, verbose, debug. */
    public static final String LOG_LEVEL_PROPERTY = "highlights.ffmpeg.loglevel";

    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");
    private static volatile boolean initialised;

    private FfmpegNatives() {
    }

    /** Loads the FFmpeg natives and sets FFmpeg's log level, once per process. */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (FfmpegNatives.class) {
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

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input (error -1094995529)". */
    public static String errorText(int code) {
        String text = strerror(code);
        return text == null ? "FFmpeg error " + code : text + " (error " + code + ")";
    }

    /** JavaCV's message with FFmpeg's text for the error code it carries in front, when it carries one. */
    public static String describe(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = ERROR_CODE.matcher(msg);
        if (m.find()) {
            try {
                String text = strerror(Integer.parseInt(m.group(1)));
                if (text != null) {
                    return text + " (" + msg + ")";
                }
            } catch (NumberFormatException ignored) {
                // not a code FFmpeg knows: the message as it is
            }
        }
        return msg;
    }

    private static String strerror(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) != 0) {
            return null;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
