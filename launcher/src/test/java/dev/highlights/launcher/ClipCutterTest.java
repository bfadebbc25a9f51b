package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipCutterTest {

    @Test
    void eachHighlightBecomesAPlayableMp4WithItsMarginsStartingOnTheRequestedFrame(@TempDir Path dir) throws Exception {
        Path source = TestVideo.write(dir.resolve("vod.mp4"), 60); // 10 fps, a key frame every 2 s
        List<Report.Highlight> highlights = List.of(
                new Report.Highlight(1, "h-1", 1, 31, 44, 36, 2.0, 1.5, 0.3, 0.2, 4, false, "chat"),
                new Report.Highlight(2, "h-2", 1, 9.5, 19, 12, 1.5, 1.2, 0.2, 0.1, 4, false, "chat"));

        List<Path> clips = ClipCutter.cut(source.toUri(), highlights, dir.resolve("clips"),
                new ClipCutter.Margins(1, 2));

        assertThat(clips).extracting(p -> p.getFileName().toString())
                .containsExactly("highlight-01-00-31.mp4", "highlight-02-00-10.mp4");
        // 30-46 s: 30 s is a key frame, so the clip is a stream copy from exactly there.
        assertThat(ClipCutter.keyFrameAt(source.toString(), 30)).isTrue();
        assertDuration(clips.get(0), 15.8, 16.3);
        // 8.5-21 s: 8.5 s is not a key frame (8 s is); re-encoded from 8.5 s, not copied from 8 s.
        assertThat(ClipCutter.keyFrameAt(source.toString(), 8.5)).isFalse();
        assertDuration(clips.get(1), 12.3, 12.7);
    }

    private static void assertDuration(Path clip, double atLeast, double atMost) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            assertThat(grabber.getAudioChannels()).isEqualTo(1);
            assertThat(grabber.getFormatContext().start_time()).isLessThanOrEqualTo(100_000L);
            assertThat(grabber.getLengthInTime() / 1e6).isBetween(atLeast, atMost);
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames / 10.0).isBetween(atLeast - 0.5, atMost);
        }
    }
}
