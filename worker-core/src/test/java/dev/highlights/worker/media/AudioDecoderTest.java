package dev.highlights.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.worker.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AudioDecoderTest {
    @TempDir
    static Path dir;
    static Path mp4;
    static Path mp4NoPns;
    static Path wav;

    @BeforeAll
    static void media() throws Exception {
        mp4 = TestMedia.burstsMp4(dir, 60, true);
        mp4NoPns = TestMedia.burstsMp4(dir, 60, false);
        wav = TestMedia.burstsWav(dir, 60);
    }

    record Sec(float[] samples, int valid, boolean warmUp) {
    }

    static Map<Long, Sec> decode(MediaSpan span) throws MediaDecodeException {
        Map<Long, Sec> out = new LinkedHashMap<>();
        new AudioDecoder().decode(span, (s, x, v, w) -> {
            assertThat(out).doesNotContainKey(s);
            out.put(s, new Sec(x.clone(), v, w));
        });
        return out;
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void wholeFileGivesAlignedSecondsWithTheBurstsInPlace() throws Exception {
        for (Path f : List.of(mp4, wav)) {
            Map<Long, Sec> secs = decode(MediaSpan.wholeFile(f.toString()));
            assertThat(secs.keySet()).as(f.toString()).containsExactlyElementsOf(range(0, 60));
            for (long s = 0; s < 60; s++) {
                boolean burst = s == 20 || s == 21 || s == 41 || s == 42;
                double level = rms(secs.get(s).samples());
                if (burst) {
                    assertThat(level).as("%s second %d", f, s).isGreaterThan(0.1);
                } else {
                    assertThat(level).as("%s second %d", f, s).isLessThan(0.03);
                }
                assertThat(secs.get(s).warmUp()).isFalse();
                assertThat(secs.get(s).valid()).isEqualTo(16000);
            }
        }
    }

    @Test
    void aSegmentWithPreRollMatchesTheWholeFileSampleForSample() throws Exception {
        for (Path f : List.of(mp4NoPns, wav)) {
            Map<Long, Sec> whole = decode(MediaSpan.wholeFile(f.toString()));
            Map<Long, Sec> seg = decode(new MediaSpan(f.toString(), 30, 50, 5));
            assertThat(seg.keySet()).containsExactlyElementsOf(range(25, 50));
            seg.forEach((s, sec) -> {
                assertThat(sec.warmUp()).isEqualTo(s < 30);
                if (s >= 26) { // the first warm-up second may start from a cold decoder/filter
                    assertThat(sec.samples()).as("%s second %d", f, s).containsExactly(whole.get(s).samples());
                }
            });
        }
    }

    @Test
    void aacNoiseSubstitutionOnlyPerturbsSamplesNotLevels() throws Exception {
        Map<Long, Sec> whole = decode(MediaSpan.wholeFile(mp4.toString()));
        Map<Long, Sec> seg = decode(new MediaSpan(mp4.toString(), 30, 50, 5));
        for (long s = 30; s < 50; s++) {
            double a = rms(whole.get(s).samples());
            double b = rms(seg.get(s).samples());
            assertThat(b).as("second %d", s).isCloseTo(a, org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void fractionalBoundsAndSpansPastTheEnd() throws Exception {
        Map<Long, Sec> seg = decode(new MediaSpan(wav.toString(), 57.5, 70, 1.5));
        assertThat(seg.keySet()).containsExactly(56L, 57L, 58L, 59L);
        assertThat(seg.get(56L).warmUp()).isTrue();
        assertThat(seg.get(57L).warmUp()).isFalse();
        DecodeSummary none = new AudioDecoder().decode(new MediaSpan(wav.toString(), 100, 110, 5), (s, x, v, w) -> {
            throw new AssertionError("no second expected, got " + s);
        });
        assertThat(none.secondsEmitted()).isZero();
        assertThat(none.endOfMedia()).isTrue();
        assertThat(none.firstSecond()).isEqualTo(-1);
    }

    @Test
    void summaryDescribesTheSource() throws Exception {
        DecodeSummary s = new AudioDecoder().decode(new MediaSpan(wav.toString(), 10, 12, 0), (a, b, c, d) -> { });
        assertThat(s.sourceSampleRate()).isEqualTo(44100);
        assertThat(s.sourceChannels()).isEqualTo(2);
        assertThat(s.firstSecond()).isEqualTo(10);
        assertThat(s.lastSecond()).isEqualTo(11);
        assertThat(s.secondsEmitted()).isEqualTo(2);
        assertThat(s.endOfMedia()).isFalse();
    }

    @Test
    void clicksLandOnTheirMediaSampleAndChannelsAreAveraged() throws Exception {
        int rate = 48000;
        float[] stereo = new float[rate * 4 * 2];
        int[] clicksAt = {rate / 2, rate * 2 + 12345};
        for (int c : clicksAt) {
            stereo[2 * c] = 0.8f;      // left
            stereo[2 * c + 1] = 0.4f;  // right
        }
        Path f = TestMedia.floatWav(dir.resolve("clicks.wav"), rate, 2, stereo);
        float[] all = new float[16000 * 4];
        new AudioDecoder().decode(MediaSpan.wholeFile(f.toString()), (s, x, v, w) -> System.arraycopy(x, 0, all, (int) s * 16000, v));
        for (int c : clicksAt) {
            int expected = (int) Math.round(c / 3.0);
            int best = argMax(all);
            assertThat(best).isBetween(expected - 1, expected + 1);
            // the band-limited click keeps the mean of the channels as its area
            double area = 0;
            for (int i = best - 40; i <= best + 40; i++) {
                area += all[i];
                all[i] = 0;
            }
            assertThat(area).isCloseTo(0.6 / 3.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    static int argMax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void containerStartTimeIsMediaTimeZero() throws Exception {
        Path ts = dir.resolve("bursts.ts");
        TestMedia.ffmpeg("-i", mp4.toString(), "-c", "copy", ts.toString()); // MPEG-TS starts at 1.4 s
        Map<Long, Sec> secs = decode(new MediaSpan(ts.toString(), 15, 25, 2));
        assertThat(rms(secs.get(19L).samples())).isLessThan(0.03);
        assertThat(rms(secs.get(20L).samples())).isGreaterThan(0.1);
        assertThat(rms(secs.get(21L).samples())).isGreaterThan(0.1);
        assertThat(rms(secs.get(23L).samples())).isLessThan(0.03);
    }

    @Test
    void missingFileIsNotFound() {
        Path missing = dir.resolve("does-not-exist.mp4");
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(missing.toString()), (a, b, c, d) -> { }))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.NOT_FOUND);
                    assertThat(e.errorCode()).isEqualTo("MEDIA_NOT_FOUND");
                    assertThat(e.isModalityAbsent()).isFalse();
                })
                .hasMessageContaining("not found").hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile("file://" + missing), (a, b, c, d) -> { }))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining("not found");
    }

    @Test
    void corruptFileIsUnreadable() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), junk);
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(corrupt.toString()), (a, b, c, d) -> { }))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.UNREADABLE);
                    assertThat(e.errorCode()).isEqualTo("MEDIA_UNREADABLE");
                    assertThat(e.uri()).isEqualTo(corrupt.toString());
                })
                .hasMessageContaining("cannot open media").hasMessageContaining(corrupt.toString());
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(empty.toString()), (a, b, c, d) -> { }))
                .isInstanceOf(MediaDecodeException.class);
    }

    @Test
    void videoOnlyMediaHasNoAudioStream() throws Exception {
        Path video = dir.resolve("video-only.mp4");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=32x18:r=5:d=2", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", video.toString());
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(video.toString()), (a, b, c, d) -> { }))
                .isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.NO_AUDIO_STREAM);
                    assertThat(e.isModalityAbsent()).isTrue();
                });
    }

    @Test
    void sinkExceptionsAreNotMediaErrors() {
        assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(wav.toString()), (a, b, c, d) -> {
            throw new IllegalStateException("model down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("model down");
    }

    @Test
    void anInterruptedDecodeSaysSo() {
        try {
            assertThatThrownBy(() -> new AudioDecoder().decode(MediaSpan.wholeFile(wav.toString()), (s, x, v, w) -> {
                if (s == 3) {
                    Thread.currentThread().interrupt();
                }
            })).isInstanceOfSatisfying(MediaDecodeException.class, e -> {
                assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.INTERRUPTED);
                assertThat(e.isModalityAbsent()).isFalse();
            }).hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void localPathsAndUrls() {
        assertThat(FfmpegSupport.localPath("/a/b.mp4")).isEqualTo(Path.of("/a/b.mp4"));
        assertThat(FfmpegSupport.localPath("file:///a/b.mp4")).isEqualTo(Path.of("/a/b.mp4"));
        assertThat(FfmpegSupport.localPath("relative/b.mp4")).isEqualTo(Path.of("relative/b.mp4"));
        assertThat(FfmpegSupport.localPath("https://cdn.example/v.m3u8")).isNull();
        assertThat(FfmpegSupport.localPath("s3://bucket/key")).isNull();
    }

    static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    static String show(float[] x) {
        return Arrays.toString(Arrays.copyOf(x, 5));
    }
}
