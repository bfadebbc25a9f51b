package dev.highlights.launcher;

import dev.highlights.media.FfmpegNatives;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Cuts highlights out of the source into mp4 files, each widened by a lead-in and a lead-out so that a clip opens just
 * before the action and lets it land. A clip starts on the requested frame: when that frame is a key frame the clip is
 * a stream copy (no quality loss, no encoding time); otherwise it is decoded from the key frame before it and
 * re-encoded from the requested frame on (H.264 and AAC), rather than opening up to one GOP early.
 */
final class ClipCutter {
    /** A requested start within this of a key frame counts as on it (half a frame at 60 fps). */
    private static final double ON_KEY_FRAME_SEC = 0.008;

    /** Seconds added before and after each highlight. */
    record Margins(double leadInSec, double leadOutSec) {
        Margins {
            if (!(leadInSec >= 0) || !(leadOutSec >= 0)) {
                throw new IllegalArgumentException("lead-in and lead-out must be >= 0");
            }
        }
    }

    private ClipCutter() {
    }

    static List<Path> cut(URI media, List<Report.Highlight> highlights, Path outDir, Margins margins) throws IOException {
        Files.createDirectories(outDir);
        FfmpegNatives.init(); // no format dumps on the user's terminal
        String source = "file".equals(media.getScheme()) ? Path.of(media).toString() : media.toString();
        List<Path> written = new ArrayList<>();
        for (Report.Highlight h : highlights) {
            Path file = outDir.resolve(String.format(Locale.ROOT, "highlight-%02d-%s.mp4", h.rank(),
                    Report.clock(h.startSec()).replace(':', '-')));
            double from = Math.max(0, h.startSec() - margins.leadInSec());
            double to = h.endSec() + margins.leadOutSec();
            if (keyFrameAt(source, from)) {
                copy(source, from, to, file);
            } else {
                reencode(source, from, to, file);
            }
            written.add(file);
        }
        return written;
    }

    /** Whether the video's key frame at or before {@code sec} is at {@code sec} itself. */
    static boolean keyFrameAt(String source, double sec) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source)) {
            grabber.start();
            AVFormatContext input = grabber.getFormatContext();
            seekBack(input, sec, source);
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                try {
                    if (input.streams(packet.stream_index()).codecpar().codec_type() != avutil.AVMEDIA_TYPE_VIDEO) {
                        continue;
                    }
                    return Math.abs(seconds(input, packet) - sec) <= ON_KEY_FRAME_SEC;
                } finally {
                    avcodec.av_packet_unref(packet);
                }
            }
            return false;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("reading " + source + ": " + e.getMessage(), e);
        }
    }

    private static void seekBack(AVFormatContext input, double sec, String source) throws IOException {
        if (avformat.av_seek_frame(input, -1, (long) (sec * avutil.AV_TIME_BASE), avformat.AVSEEK_FLAG_BACKWARD) < 0) {
            throw new IOException("cannot seek to " + sec + " s in " + source);
        }
    }

    private static double seconds(AVFormatContext input, AVPacket packet) {
        AVRational timeBase = input.streams(packet.stream_index()).time_base();
        long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        return pts == avutil.AV_NOPTS_VALUE ? Double.NaN : pts * avutil.av_q2d(timeBase);
    }

    /** Decodes from the key frame before {@code fromSec}, encodes the frames of [fromSec, toSec]. */
    private static void reencode(String source, double fromSec, double toSec, Path target) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source)) {
            grabber.start();
            // JavaCV's setTimestamp seeks to the key frame before and decodes forward to the exact time.
            grabber.setTimestamp(Math.round(fromSec * 1e6));
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setGopSize((int) Math.max(1, Math.round(2 * grabber.getFrameRate())));
                // Near-source quality: a clip is short, its bits are cheap.
                recorder.setVideoBitrate(Math.max(2_000_000, grabber.getVideoBitrate() * 2));
                recorder.setVideoOption("preset", "veryfast");
                if (grabber.getAudioChannels() > 0) {
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioBitrate(160_000);
                }
                recorder.setOption("movflags", "+faststart");
                recorder.start();
                long fromUs = Math.round(fromSec * 1e6);
                long toUs = Math.round(toSec * 1e6);
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.timestamp > toUs) {
                        break;
                    }
                    if (frame.timestamp < fromUs) {
                        continue;
                    }
                    recorder.setTimestamp(frame.timestamp - fromUs);
                    recorder.record(frame);
                }
                recorder.stop();
            }
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IOException("cutting " + target.getFileName() + " from " + source + ": " + e.getMessage(), e);
        }
    }

    /** Copies the packets from the key frame at {@code startSec} to {@code endSec} without decoding. */
    private static void copy(String source, double startSec, double endSec, Path target) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source)) {
            grabber.start();
            AVFormatContext input = grabber.getFormatContext();
            seekBack(input, startSec, source);
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.start(input);
                AVPacket packet;
                double clipStartSec = Double.NaN;
                while ((packet = grabber.grabPacket()) != null) {
                    double sec = seconds(input, packet);
                    if (Double.isNaN(sec)) {
                        avcodec.av_packet_unref(packet);
                        continue;
                    }
                    if (sec > endSec) {
                        avcodec.av_packet_unref(packet);
                        break;
                    }
                    if (Double.isNaN(clipStartSec)) {
                        clipStartSec = sec;
                    }
                    // The clip's own timeline starts at 0 (players would otherwise show the source's offset).
                    AVRational timeBase = input.streams(packet.stream_index()).time_base();
                    long shift = Math.round(clipStartSec / avutil.av_q2d(timeBase));
                    packet.pts(packet.pts() == avutil.AV_NOPTS_VALUE ? packet.pts() : packet.pts() - shift);
                    packet.dts(packet.dts() == avutil.AV_NOPTS_VALUE ? packet.dts() : packet.dts() - shift);
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IOException("cutting " + target.getFileName() + " from " + source + ": " + e.getMessage(), e);
        }
    }
}
