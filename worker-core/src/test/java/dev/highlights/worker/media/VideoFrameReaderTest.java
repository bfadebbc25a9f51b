package dev.highlights.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.worker.testing.TestMedia;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class VideoFrameReaderTest {
    record Sampled(long second, int slot, double mean, int width, int height, boolean warmUp) {
    }

    @Test
    void samplesSmallGreyFramesPerSecondAtMediaTime(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("black-white.mp4");
        // 3 s black then 3 s white, 10 fps, with an audio stream that must be ignored
        TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x36:r=10:d=3",
                "-f", "lavfi", "-i", "color=c=white:s=64x36:r=10:d=3",
                "-f", "lavfi", "-i", "sine=f=440:d=6",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-c:a", "aac", f.toString());
        List<Sampled> frames = new ArrayList<>();
        DecodeSummary s = new VideoFrameReader(32, 18, 4).read(new MediaSpan(f.toString(), 2, 5, 1),
                (sec, slot, t, gray, w, h, stride, warm) -> frames.add(new Sampled(sec, slot, mean(gray, w, h, stride), w, h, warm)));
        assertThat(frames).extracting(Sampled::second).containsOnly(1L, 2L, 3L, 4L);
        assertThat(frames).filteredOn(Sampled::warmUp).extracting(Sampled::second).containsOnly(1L);
        assertThat(frames).filteredOn(fr -> fr.second() == 3).extracting(Sampled::slot).containsExactly(0, 1, 2, 3);
        assertThat(frames).allSatisfy(fr -> assertThat(fr.width()).isEqualTo(32));
        assertThat(frames).filteredOn(fr -> fr.second() <= 2).allSatisfy(fr -> assertThat(fr.mean()).isLessThan(40));
        assertThat(frames).filteredOn(fr -> fr.second() >= 3).allSatisfy(fr -> assertThat(fr.mean()).isGreaterThan(215));
        assertThat(s.firstSecond()).isEqualTo(2);
        assertThat(s.lastSecond()).isEqualTo(4);
    }

    @Test
    void audioOnlyMediaHasNoVideoStream(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tone.wav");
        TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=1", f.toString());
        assertThatThrownBy(() -> new VideoFrameReader(32, 18, 4).read(MediaSpan.wholeFile(f.toString()), (a, b, c, d, e, g, h, i) -> { }))
                .isInstanceOfSatisfying(MediaDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaDecodeException.Reason.NO_VIDEO_STREAM));
    }

    static double mean(ByteBuffer gray, int w, int h, int stride) {
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sum += gray.get(y * stride + x) & 0xff;
            }
        }
        return (double) sum / (w * h);
    }
}
