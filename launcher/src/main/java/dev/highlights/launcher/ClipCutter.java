package dev.highlights.launcher;

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
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Cuts highlights out of the source into mp4 files by stream copy (no re-encoding): each clip starts at the key
 * frame at or before the highlight's start, so it may begin up to one GOP early, and ends with the highlight.
 */
final class ClipCutter {
    private ClipCutter() {
    }

    static List<Path> cut(URI media, List<Report.Highlight> highlights, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // no format dumps on the user's terminal
        String source = "file".equals(media.getScheme()) ? Path.of(media).toString() : media.toString();
        List<Path> written = new ArrayList<>();
        for (Report.Highlight h : highlights) {
            Path file = outDir.resolve(String.format(Locale.ROOT, "highlight-%02d-%s.mp4", h.rank(),
                    Report.clock(h.startSec()).replace(':', '-')));
            copy(source, h.startSec(), h.endSec(), file);
            written.add(file);
        }
        return written;
    }

    private static void copy(String source, double startSec, double endSec, Path target) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source)) {
            grabber.start();
            AVFormatContext input = grabber.getFormatContext();
            if (avformat.av_seek_frame(input, -1, (long) (startSec * avutil.AV_TIME_BASE),
                    avformat.AVSEEK_FLAG_BACKWARD) < 0) {
                throw new IOException("cannot seek to " + startSec + " s in " + source);
            }
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.start(input);
                AVPacket packet;
                double clipStartSec = Double.NaN;
                while ((packet = grabber.grabPacket()) != null) {
                    AVRational timeBase = input.streams(packet.stream_index()).time_base();
                    long pts = packet.pts() != avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (pts == avutil.AV_NOPTS_VALUE) {
                        avcodec.av_packet_unref(packet);
                        continue;
                    }
                    double sec = pts * avutil.av_q2d(timeBase);
                    if (sec > endSec) {
                        avcodec.av_packet_unref(packet);
                        break;
                    }
                    if (Double.isNaN(clipStartSec)) {
                        clipStartSec = sec;
                    }
                    // The clip's own timeline starts at 0 (players would otherwise show the source's offset).
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
