package dev.highlights.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A small H.264/AAC test file made by the ffmpeg CLI (a Debian package that .ci/run installs). */
final class TestVideo {
    private TestVideo() {
    }

    /** {@code seconds} of a moving test pattern and a tone at 320x180, 10 fps, a key frame every 2 s. */
    static Path write(Path file, int seconds) throws Exception {
        Files.createDirectories(file.getParent());
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=10", "-f", "lavfi", "-i", "sine=frequency=440", "-t",
                String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-g", "20", "-pix_fmt", "yuv420p",
                "-c:a", "aac", file.toString())
                .redirectErrorStream(true).start();
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();
        return file;
    }
}
