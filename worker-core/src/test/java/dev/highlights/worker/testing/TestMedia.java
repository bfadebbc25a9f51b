package dev.highlights.worker.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media: the Debian ffmpeg CLI for containers and codecs, plain Java for exact WAV files. */
public final class TestMedia {
    private TestMedia() {
    }

    /** Runs {@code ffmpeg -y -loglevel error ARGS...}, failing the test on error or after 120 s. */
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

    /**
     * {@code seconds} of quiet white noise (amplitude 0.01) at 48 kHz with loud noise (0.5) during
     * {@code [20, 22)} and {@code [41, 43)}: AAC in MP4 with a tiny H.264 video stream.
     *
     * @param pns FFmpeg's AAC perceptual noise substitution (on by default in the encoder). With it the
     *            decoder fills noise bands from a pseudo-random generator whose state depends on all
     *            frames decoded before, so a decode that starts after a seek differs slightly (same
     *            energy, different samples) from a decode of the whole file; without it both are
     *            bit-identical.
     */
    public static Path burstsMp4(Path dir, int seconds, boolean pns) throws IOException, InterruptedException {
        Path f = dir.resolve(pns ? "bursts.mp4" : "bursts-nopns.mp4");
        ffmpeg("-f", "lavfi", "-i", burstExpr(seconds),
                "-f", "lavfi", "-i", "color=c=gray:s=64x36:r=5:d=" + seconds,
                "-shortest", "-c:a", "aac", "-aac_pns", pns ? "1" : "0", "-b:a", "96k",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", f.toString());
        return f;
    }

    /** The same signal as 16-bit PCM WAV, stereo at 44.1 kHz (a rate that is not a multiple of 16 kHz). */
    public static Path burstsWav(Path dir, int seconds) throws IOException, InterruptedException {
        Path f = dir.resolve("bursts.wav");
        ffmpeg("-f", "lavfi", "-i", burstExpr(seconds).replace("s=48000", "s=44100"),
                "-ac", "2", "-c:a", "pcm_s16le", f.toString());
        return f;
    }

    public static String burstExpr(int seconds) {
        return "aevalsrc='(0.01+0.49*(between(t,20,21.9999)+between(t,41,42.9999)))*(2*random(0)-1)':s=48000:d=" + seconds;
    }

    /** A float mono WAV (IEEE float, exact samples) written by Java. */
    public static Path floatWav(Path file, int rate, int channels, float[] interleaved) throws IOException {
        int dataBytes = interleaved.length * 4;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * 4).putShort((short) (channels * 4)).putShort((short) 32);
        b.put("data".getBytes()).putInt(dataBytes);
        for (float v : interleaved) {
            b.putFloat(v);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b.array());
        }
        return file;
    }
}
