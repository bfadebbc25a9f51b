package dev.highlights.audio.testing;

import dev.highlights.avro.MediaSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made with the Debian ffmpeg CLI, and work items. */
public final class TestAudio {
    private TestAudio() {
    }

    public static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + cmd + "\n" + new String(out));
        }
    }

    /** Quiet white noise (0.01) with loud noise (0.5) during [20, 22) and [41, 43); 48 kHz source. */
    static String bursts(int seconds, int rate) {
        return "aevalsrc='(0.01+0.49*(between(t,20,21.9999)+between(t,41,42.9999)))*(2*random(0)-1)':s="
                + rate + ":d=" + seconds;
    }

    /**
     * The bursts as AAC in MP4 with a tiny H.264 video stream. {@code pns}: FFmpeg's AAC noise
     * substitution, which makes a seek-started decode differ slightly from a whole-file decode.
     */
    public static Path burstsMp4(Path dir, int seconds, boolean pns) throws IOException, InterruptedException {
        Path f = dir.resolve(pns ? "bursts.mp4" : "bursts-nopns.mp4");
        ffmpeg("-f", "lavfi", "-i", bursts(seconds, 48000),
                "-f", "lavfi", "-i", "color=c=gray:s=64x36:r=5:d=" + seconds,
                "-shortest", "-c:a", "aac", "-aac_pns", pns ? "1" : "0", "-b:a", "96k",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", f.toString());
        return f;
    }

    /** The bursts as stereo 16-bit WAV at 44.1 kHz. */
    public static Path burstsWav(Path dir, int seconds) throws IOException, InterruptedException {
        Path f = dir.resolve("bursts.wav");
        ffmpeg("-f", "lavfi", "-i", bursts(seconds, 44100), "-ac", "2", "-c:a", "pcm_s16le", f.toString());
        return f;
    }

    public static MediaSegment segment(Path media, int index, double start, double end, double preRoll) {
        return MediaSegment.newBuilder()
                .setSegmentId("vod-1/" + index)
                .setVodId("vod-1")
                .setIndex(index)
                .setCount(null)
                .setMediaUri(media.toString())
                .setStartSec(start)
                .setEndSec(end)
                .setPreRollSec(preRoll)
                .setHasAudio(true)
                .setHasVideo(true)
                .setLast(false)
                .build();
    }
}
