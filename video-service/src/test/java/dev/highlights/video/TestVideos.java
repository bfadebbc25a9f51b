package dev.highlights.video;

import dev.highlights.worker.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test media made with the ffmpeg CLI ({@link TestMedia#ffmpeg}), once per test JVM, in a temporary folder.
 *
 * <p>The fixture ({@link #fixture()}): 60 s, 320x180, 30 fps, H.264 (with B-frames, 2 s GOP) and AAC in
 * MP4, four clips concatenated, so hard cuts at 12, 24 and 39 s:
 * <pre>
 *   [0, 12)   gradients: a slowly rotating blue-orange gradient (mild motion)
 *   [12, 24)  HIGH MOTION: a white 60x60 box racing over a dark grey background
 *   [24, 39)  STATIC: SMPTE colour bars, every frame identical (15 s)
 *   [39, 60)  testsrc: colour pattern with a scrolling gradient and a counter (mild motion)
 * </pre>
 */
public final class TestVideos {
    public static final int CUT_1 = 12;
    public static final int CUT_2 = 24;
    public static final int CUT_3 = 39;
    public static final int MOTION_FROM = 12;
    public static final int MOTION_TO = 24;
    public static final int STATIC_FROM = 24;
    public static final int STATIC_TO = 39;
    public static final int DURATION = 60;

    private static Path dir;
    private static Path fixture;

    private TestVideos() {
    }

    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("video-service-test");
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    /** The 60-second fixture described above. */
    public static synchronized Path fixture() throws IOException, InterruptedException {
        if (fixture == null) {
            Path out = dir().resolve("fixture.mp4");
            TestMedia.ffmpeg("-f", "lavfi", "-i", "gradients=s=320x180:r=30:d=12:c0=0x3060c0:c1=0xe0a040:seed=7:speed=0.03",
                    "-f", "lavfi", "-i", "color=c=0x202020:s=320x180:r=30:d=12",
                    "-f", "lavfi", "-i", "color=c=white:s=60x60:r=30:d=12",
                    "-f", "lavfi", "-i", "smptebars=s=320x180:r=30:d=15",
                    "-f", "lavfi", "-i", "testsrc=s=320x180:r=30:d=21",
                    "-f", "lavfi", "-i", "sine=f=440:d=60",
                    "-filter_complex", "[1][2]overlay=x='mod(t*640,260)':y='mod(t*300,120)'[b];"
                            + "[0][b][3][4]concat=n=4:v=1:a=0,format=yuv420p[v]",
                    "-map", "[v]", "-map", "5", "-c:v", "libx264", "-preset", "veryfast", "-g", "60",
                    "-c:a", "aac", "-shortest", out.toString());
            out.toFile().deleteOnExit();
            fixture = out;
        }
        return fixture;
    }

    /** A short clip of one solid colour (e.g. "red"), {@code seconds} long, 320x180 30 fps H.264. */
    public static Path solid(String colour, int seconds) throws IOException, InterruptedException {
        Path out = dir().resolve("solid-" + colour.replaceAll("[^a-zA-Z0-9]", "") + "-" + seconds + ".mp4");
        if (!Files.exists(out)) {
            TestMedia.ffmpeg("-f", "lavfi", "-i", "color=c=" + colour + ":s=320x180:r=30:d=" + seconds,
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", out.toString());
            out.toFile().deleteOnExit();
        }
        return out;
    }
}
