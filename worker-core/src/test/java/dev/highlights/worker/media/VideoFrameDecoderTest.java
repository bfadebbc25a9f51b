package dev.highlights.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** VideoFrameDecoder on small clips made with the ffmpeg CLI. */
@Timeout(60)
class VideoFrameDecoderTest {
    @TempDir
    static Path dir;
    /** 12 s of testsrc2 (a moving pattern and a counter), 320x180, 30 fps, H.264 with B-frames, 2 s GOP, AAC. */
    static Path clip;
    /** 5 s at 2 fps. */
    static Path slow;

    static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg timed out: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + cmd + "\n" + out);
        }
    }

    @BeforeAll
    static void media() throws Exception {
        clip = dir.resolve("clip.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=12", "-f", "lavfi", "-i", "sine=d=12",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", clip.toString());
        slow = dir.resolve("slow.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=2:d=5", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", slow.toString());
    }

    record Sample(long second, int slot, long sampleIndex, long frameTimeUs, boolean repeated, boolean warmUp,
                  int hash, byte[] first) {
    }

    static List<Sample> decode(VideoDecodeOptions options, MediaSpan span, VideoDecodeSummary[] summary)
            throws MediaDecodeException {
        List<Sample> out = new ArrayList<>();
        VideoDecodeSummary s = new VideoFrameDecoder(options).decode(span, f -> {
            byte[] px = new byte[f.width() * f.height() * f.channels()];
            f.copyTo(px);
            out.add(new Sample(f.second(), f.slot(), f.sampleIndex(), f.frameTimeUs(), f.repeated(), f.warmUp(),
                    Arrays.hashCode(px), Arrays.copyOf(px, 3)));
            return true;
        });
        if (summary != null) {
            summary[0] = s;
        }
        return out;
    }

    @Test
    void samplesKFramesPerSecondAtMediaTimes() throws Exception {
        VideoDecodeSummary[] summary = new VideoDecodeSummary[1];
        List<Sample> samples = decode(VideoDecodeOptions.defaults(), MediaSpan.wholeFile(clip.toString()), summary);
        assertThat(samples).hasSize(12 * 4);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            assertThat(s.sampleIndex()).isEqualTo(i);
            assertThat(s.second()).isEqualTo(i / 4);
            assertThat(s.slot()).isEqualTo(i % 4);
            long sampleTime = i * 250_000L;
            // The picture on screen at the sample time: at or before it, less than a frame period earlier.
            assertThat(s.frameTimeUs()).isLessThanOrEqualTo(sampleTime).isGreaterThan(sampleTime - 33_334);
            assertThat(s.repeated()).isFalse();
            assertThat(s.warmUp()).isFalse();
        }
        // The counter in the picture changes: consecutive samples differ.
        assertThat(samples.stream().map(Sample::hash).distinct().count()).isEqualTo(samples.size());
        VideoDecodeSummary sum = summary[0];
        assertThat(sum.framesDecoded()).isEqualTo(360);
        assertThat(sum.samples()).isEqualTo(48);
        assertThat(sum.framesScaled()).isEqualTo(48);
        assertThat(sum.secondsSampled()).isEqualTo(12);
        assertThat(sum.firstSecond()).isZero();
        assertThat(sum.lastSecond()).isEqualTo(11);
        assertThat(sum.endOfMedia()).isTrue();
        assertThat(sum.sourceWidth()).isEqualTo(320);
        assertThat(sum.sourceHeight()).isEqualTo(180);
        assertThat(sum.frameRate()).isEqualTo(30.0);
        assertThat(sum.codec()).isEqualTo("h264");
    }

    @Test
    void aSegmentAfterASeekGetsTheSamePicturesAsTheWholeFile() throws Exception {
        VideoDecodeOptions opts = VideoDecodeOptions.defaults().withFramesPerSecond(5).withDecoderThreads(1);
        Map<Long, Integer> whole = new LinkedHashMap<>();
        for (Sample s : decode(opts, MediaSpan.wholeFile(clip.toString()), null)) {
            whole.put(s.sampleIndex(), s.hash());
        }
        VideoDecodeSummary[] summary = new VideoDecodeSummary[1];
        // [5.5, 8.2) with 2 s pre-roll: warm-up seconds 3 and 4, emitted seconds 5..8 (ceil(8.2) = 9).
        List<Sample> seg = decode(opts, new MediaSpan(clip.toString(), 5.5, 8.2, 2), summary);
        assertThat(seg).hasSize(6 * 5);
        assertThat(seg.get(0).sampleIndex()).isEqualTo(3 * 5);
        for (Sample s : seg) {
            assertThat(s.hash()).as("sample %d", s.sampleIndex()).isEqualTo(whole.get(s.sampleIndex()));
            assertThat(s.warmUp()).isEqualTo(s.second() < 5);
        }
        assertThat(summary[0].warmUpSeconds()).isEqualTo(2);
        assertThat(summary[0].secondsSampled()).isEqualTo(4);
        assertThat(summary[0].endOfMedia()).isFalse();
        // Decoding stopped near the span's end, not at the media's.
        assertThat(summary[0].framesDecoded()).isLessThan(200);
    }

    @Test
    void picturesNoSampleShowsAreLeftUndecodedAndTheSamplesStayTheSame() throws Exception {
        VideoDecodeOptions skipping = VideoDecodeOptions.defaults().withDecoderThreads(1);
        VideoDecodeOptions full = skipping.withSkipUnsampled(false);
        // MPEG-TS starts its clock later than 0 (as HLS segments do): the choice counts from the container's start too.
        Path ts = dir.resolve("clip.ts");
        ffmpeg("-i", clip.toString(), "-c", "copy", "-f", "mpegts", ts.toString());
        for (MediaSpan span : List.of(MediaSpan.wholeFile(clip.toString()), new MediaSpan(clip.toString(), 5.5, 8.2, 2),
                MediaSpan.wholeFile(ts.toString()), new MediaSpan(ts.toString(), 5.5, 8.2, 2))) {
            VideoDecodeSummary[] fewer = new VideoDecodeSummary[1];
            VideoDecodeSummary[] all = new VideoDecodeSummary[1];
            List<Sample> got = decode(skipping, span, fewer);
            List<Sample> expected = decode(full, span, all);
            assertThat(got).as("%s", span).isNotEmpty().usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(expected);
            // The clip's non-reference B-frames (veryfast: three B-frames between references) are most of it.
            assertThat(fewer[0].framesDecoded()).as("%s", span).isLessThan(all[0].framesDecoded() * 2 / 3);
        }
        // On the whole clip, every picture without skipping.
        assertThat(decode(full, MediaSpan.wholeFile(clip.toString()), null)).hasSize(48);
    }

    @Test
    void lowFrameRatesRepeatThePictureOnScreen() throws Exception {
        List<Sample> samples = decode(VideoDecodeOptions.defaults(), MediaSpan.wholeFile(slow.toString()), null);
        assertThat(samples).hasSize(5 * 4);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            assertThat(s.frameTimeUs()).isEqualTo((i / 2) * 500_000L);
            assertThat(s.repeated()).isEqualTo(i % 2 == 1);
            if (s.repeated()) {
                assertThat(s.hash()).isEqualTo(samples.get(i - 1).hash());
            }
        }
    }

    @Test
    void formatsAndSizes() throws Exception {
        Path red = dir.resolve("red.mp4");
        ffmpeg("-f", "lavfi", "-i", "color=c=red:s=320x180:r=25:d=2", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", red.toString());
        VideoDecodeOptions base = VideoDecodeOptions.defaults().withSize(64, 36);
        List<Sample> bgr = decode(base, MediaSpan.wholeFile(red.toString()), null);
        assertThat(bgr).hasSize(8);
        assertThat(bgr.get(0).first()[0] & 0xFF).isLessThan(8);          // B
        assertThat(bgr.get(0).first()[2] & 0xFF).isGreaterThan(245);     // R
        List<Sample> rgb = decode(base.withFormat(VideoDecodeOptions.PixelFormat.RGB24), MediaSpan.wholeFile(red.toString()), null);
        assertThat(rgb.get(0).first()[0] & 0xFF).isGreaterThan(245);     // R first
        List<Sample> grey = decode(base.withFormat(VideoDecodeOptions.PixelFormat.GRAY8), MediaSpan.wholeFile(red.toString()), null);
        assertThat(grey.get(0).first()[0] & 0xFF).isBetween(70, 85);     // 0.299 * 255 = 76
        // 25 fps, K = 3: sample times 0, 1/3, 2/3 fall between pictures; the one on screen is taken.
        List<Sample> k3 = decode(base.withFramesPerSecond(3), MediaSpan.wholeFile(red.toString()), null);
        assertThat(k3).extracting(Sample::frameTimeUs).containsExactly(0L, 320_000L, 640_000L, 1_000_000L, 1_320_000L, 1_640_000L);
    }

    @Test
    void theSinkCanStopTheDecode() throws Exception {
        List<Long> seen = new ArrayList<>();
        VideoDecodeSummary s = new VideoFrameDecoder().decode(MediaSpan.wholeFile(clip.toString()), f -> {
            seen.add(f.sampleIndex());
            return seen.size() < 6;
        });
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(s.stoppedBySink()).isTrue();
        assertThat(s.endOfMedia()).isFalse();
    }

    @Test
    void aSpanPastTheEndGivesNothing() throws Exception {
        VideoDecodeSummary[] summary = new VideoDecodeSummary[1];
        List<Sample> samples = decode(VideoDecodeOptions.defaults(), new MediaSpan(clip.toString(), 30, 40, 2), summary);
        assertThat(samples).isEmpty();
        assertThat(summary[0].endOfMedia()).isTrue();
        assertThat(summary[0].lastSecond()).isEqualTo(-1);
    }

    @Test
    void mediaErrorsAreClear() throws Exception {
        VideoFrameDecoder d = new VideoFrameDecoder();
        Path missing = dir.resolve("nope.mp4");
        assertThatThrownBy(() -> d.decode(MediaSpan.wholeFile(missing.toString()), f -> true))
                .isInstanceOf(MediaDecodeException.class)
                .hasMessageContaining("not found")
                .satisfies(e -> assertThat(((MediaDecodeException) e).reason()).isEqualTo(MediaDecodeException.Reason.NOT_FOUND));

        Path garbage = dir.resolve("garbage.mp4");
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(3).nextBytes(junk);
        Files.write(garbage, junk);
        assertThatThrownBy(() -> d.decode(MediaSpan.wholeFile(garbage.toString()), f -> true))
                .isInstanceOf(MediaDecodeException.class)
                .hasMessageContaining("cannot open media")
                .satisfies(e -> assertThat(((MediaDecodeException) e).errorCode()).isEqualTo("MEDIA_UNREADABLE"));

        // The first third of an MP4 whose index is at the end: the container cannot be opened.
        Path truncated = dir.resolve("truncated.mp4");
        byte[] whole = Files.readAllBytes(clip);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> d.decode(MediaSpan.wholeFile(truncated.toString()), f -> true))
                .isInstanceOf(MediaDecodeException.class)
                .satisfies(e -> assertThat(((MediaDecodeException) e).reason())
                        .isIn(MediaDecodeException.Reason.UNREADABLE, MediaDecodeException.Reason.NO_VIDEO_STREAM));

        Path audio = dir.resolve("audio.m4a");
        ffmpeg("-f", "lavfi", "-i", "sine=d=2", "-c:a", "aac", audio.toString());
        assertThatThrownBy(() -> d.decode(MediaSpan.wholeFile(audio.toString()), f -> true))
                .isInstanceOf(MediaDecodeException.class)
                .hasMessageContaining("no video stream")
                .satisfies(e -> assertThat(((MediaDecodeException) e).isModalityAbsent()).isTrue());
    }
}
