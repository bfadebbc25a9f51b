package dev.highlights.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Generates the sample VOD: {@code sample.mp4} (H.264 + AAC, synthesised in Java and encoded with FFmpeg through
 * JavaCV, no ffmpeg binary), {@code sample-chat.json} (TwitchDownloader format) and {@code sample-truth.json} (the
 * planted moments). Everything is a function of the {@link SampleSpec}, seed included: the same spec gives the same
 * chat file byte for byte and the same pictures and sounds.
 *
 * <p>Files are written under temporary names and renamed at the end, so an interrupted run never leaves a sample that
 * looks complete.
 */
public final class SampleVod {

    public static final String VIDEO_FILE = "sample.mp4";
    public static final String CHAT_FILE = "sample-chat.json";
    public static final String TRUTH_FILE = "sample-truth.json";
    public static final int AUDIO_SAMPLE_RATE = 48_000;

    private SampleVod() {
    }

    /** Generates the sample described by {@code spec} into {@code dir} (created if needed), replacing what is there. */
    public static SampleVodFiles generate(Path dir, SampleSpec spec) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Path video = dir.resolve(VIDEO_FILE);
        Path chat = dir.resolve(CHAT_FILE);
        Path truth = dir.resolve(TRUTH_FILE);
        Path tmpVideo = dir.resolve(".tmp-" + VIDEO_FILE);
        Path tmpChat = dir.resolve(".tmp-" + CHAT_FILE);
        Path tmpTruth = dir.resolve(".tmp-" + TRUTH_FILE);
        try {
            Files.deleteIfExists(truth); // the truth file marks a complete sample: remove it first
            List<SampleChat.Comment> comments = SampleChat.comments(spec);
            SampleChat.write(spec, comments, tmpChat);
            writeVideo(spec, tmpVideo);
            SampleTruth.write(spec, tmpTruth);
            move(tmpVideo, video);
            move(tmpChat, chat);
            move(tmpTruth, truth);
            return new SampleVodFiles(dir, video, chat, truth, spec, comments.size(), true,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            Files.deleteIfExists(tmpVideo);
            Files.deleteIfExists(tmpChat);
            Files.deleteIfExists(tmpTruth);
        }
    }

    /**
     * Reuses the sample in {@code dir} when all three files exist and its truth file describes {@code spec};
     * generates it otherwise.
     */
    public static SampleVodFiles ensure(Path dir, SampleSpec spec) throws IOException {
        Path video = dir.resolve(VIDEO_FILE);
        Path chat = dir.resolve(CHAT_FILE);
        Path truth = dir.resolve(TRUTH_FILE);
        if (Files.isRegularFile(video) && Files.isRegularFile(chat) && Files.isRegularFile(truth)) {
            try {
                if (SampleTruth.read(truth).equals(spec)) {
                    return new SampleVodFiles(dir, video, chat, truth, spec, SampleChat.comments(spec).size(), false, 0);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or different: regenerate
            }
        }
        return generate(dir, spec);
    }

    /** The planted moments of the sample in {@code dir}, from its truth file. */
    public static List<PlantedMoment> readTruth(Path dir) throws IOException {
        return SampleTruth.read(dir.resolve(TRUTH_FILE)).moments();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Video bitrate: about 700 kbit/s at 640x360, scaled by pixel count. */
    static int videoBitrate(SampleSpec spec) {
        return (int) Math.max(150_000, Math.min(8_000_000, 700_000.0 * spec.width() * spec.height() / (640 * 360)));
    }

    private static void writeVideo(SampleSpec spec, Path file) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        int w = spec.width();
        int h = spec.height();
        SamplePicture picture = new SamplePicture(spec);
        SampleSound sound = new SampleSound(spec, AUDIO_SAMPLE_RATE);
        ByteBuffer image = ByteBuffer.allocateDirect(w * h * 3 / 2);
        int maxChunk = AUDIO_SAMPLE_RATE / spec.fps() + 1;
        float[] samples = new float[maxChunk];
        FloatBuffer audio = ByteBuffer.allocateDirect(maxChunk * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, h, 1);
        try {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(spec.fps());
            rec.setGopSize(2 * spec.fps());
            rec.setVideoBitrate(videoBitrate(spec));
            rec.setVideoOption("preset", "ultrafast"); // x264 builds; OpenH264 (the LGPL build's encoder) ignores it
            rec.setVideoOption("threads", "1");
            rec.setVideoOption("rc_mode", "off"); // OpenH264: constant quality is much faster than its bitrate control
            rec.setVideoOption("loopfilter", "0");
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(AUDIO_SAMPLE_RATE);
            rec.setAudioChannels(1);
            rec.setAudioBitrate(96_000);
            rec.setOption("movflags", "+faststart"); // index first: players can seek before the download ends
            rec.setMetadata("title", "highlights sample VOD (seed " + spec.seed() + ")");
            rec.start();
            long frames = spec.frameCount();
            long sent = 0;
            for (long f = 0; f < frames; f++) {
                picture.render(f);
                image.clear();
                image.put(picture.y).put(picture.u).put(picture.v);
                image.flip();
                rec.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, avutil.AV_PIX_FMT_YUV420P, image);
                long until = (f + 1) * AUDIO_SAMPLE_RATE / spec.fps();
                int count = (int) (until - sent);
                sound.next(samples, count);
                audio.clear();
                audio.put(samples, 0, count);
                audio.flip();
                rec.recordSamples(AUDIO_SAMPLE_RATE, 1, audio);
                sent = until;
            }
            rec.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot encode " + file + ": " + e.getMessage(), e);
        } finally {
            rec.release();
        }
    }

    /** {@link #generate} without the checked exception, for lambdas. */
    public static SampleVodFiles generateUnchecked(Path dir, SampleSpec spec) {
        try {
            return generate(dir, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
