package dev.highlights.launcher.bench;

import dev.highlights.samples.SampleChat;
import dev.highlights.samples.SampleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's media and chat, cached under {@code .highlights/bench/}: a 720p30 H.264 + AAC file made by the
 * {@code ffmpeg} CLI from lavfi sources ({@code testsrc2} with temporal noise, 2 s GOP, pink-noise audio) in one of
 * two {@link Encode}s, and the sample chat of {@link SampleSpec#standard(int)} (planted hype moments and decoys spread over the
 * length) with every message repeated so that the hour holds {@value #MESSAGES_PER_HOUR} or more messages.
 *
 * <p>Longer files are the 10-minute base file repeated by stream copy (the concat demuxer): decoding costs the same
 * per second, and generating the hour takes seconds instead of minutes.
 */
public final class BenchSample {
    public static final int MESSAGES_PER_HOUR = 100_000;
    static final int BASE_SEC = 600;
    static final String VIDEO_FILTER = "testsrc2=size=1280x720:rate=30,noise=alls=4:allf=t";
    static final String AUDIO_SOURCE = "anoisesrc=color=pink:amplitude=0.2:sample_rate=48000";

    /** How the video is encoded. */
    public enum Encode {
        /** x264 {@code veryfast}: three B-frames, deblocking on; as streaming software sends by default. */
        stream("x264 veryfast, B-frames and deblocking on, as streams are sent", "-preset", "veryfast"),
        /** x264 {@code ultrafast}: no B-frames and no deblocking, so every picture is a reference. */
        ultrafast("x264 ultrafast, every picture a reference", "-preset", "ultrafast");

        private final String description;
        private final List<String> x264;

        Encode(String description, String... x264) {
            this.description = description;
            this.x264 = List.of(x264);
        }

        public String description() {
            return description;
        }

        /** Where its files are cached: ultrafast where the bench kept them before there were two. */
        Path dir(Path benchDir) {
            return this == ultrafast ? benchDir : benchDir.resolve(name());
        }
    }

    /** The files: {@code video} and {@code chat} (TwitchDownloader JSON), {@code messages} chat messages. */
    public record BenchFiles(Path video, Path chat, int durationSec, int messages, Encode encode, boolean generated,
                             double elapsedSec) {
    }

    private BenchSample() {
    }

    public static BenchFiles ensure(Path benchDir, Encode encode, int durationSec, java.io.PrintStream log)
            throws IOException, InterruptedException {
        benchDir = encode.dir(benchDir);
        Path dir = benchDir.resolve(durationSec + "s");
        Path video = dir.resolve("bench.mp4");
        Path chat = dir.resolve("bench-chat.json");
        Path done = dir.resolve("bench.done");
        if (Files.isRegularFile(done) && Files.isRegularFile(video) && Files.isRegularFile(chat)) {
            int messages = Integer.parseInt(Files.readString(done).trim());
            return new BenchFiles(video, chat, durationSec, messages, encode, false, 0);
        }
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Files.deleteIfExists(done);
        int baseSec = Math.min(BASE_SEC, durationSec);
        Path base = benchDir.resolve("base-" + baseSec + "s.mp4");
        if (!Files.isRegularFile(base)) {
            log.printf("generating %d s of 720p30 H.264 (%s) + AAC with ffmpeg (%s)%n", baseSec,
                    encode.description(), encode == Encode.ultrafast ? "about " + (baseSec / 6 + 5) + " s" : "minutes");
            Path tmp = benchDir.resolve(".tmp-" + base.getFileName());
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-y", "-f", "lavfi", "-i", VIDEO_FILTER, "-f", "lavfi", "-i", AUDIO_SOURCE,
                    "-t", Integer.toString(baseSec), "-c:v", "libx264"));
            command.addAll(encode.x264);
            command.addAll(List.of("-crf", "27", "-g", "60", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-ac", "1", "-b:a", "96k", "-movflags", "+faststart", tmp.toString()));
            exec(command);
            Files.move(tmp, base, StandardCopyOption.REPLACE_EXISTING);
        }
        Path tmpVideo = dir.resolve(".tmp-bench.mp4");
        if (baseSec == durationSec) {
            Files.copy(base, tmpVideo, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Path list = dir.resolve("concat.txt");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < (durationSec + baseSec - 1) / baseSec; i++) {
                sb.append("file '").append(base.toAbsolutePath()).append("'\n");
            }
            Files.writeString(list, sb.toString(), StandardCharsets.UTF_8);
            log.printf("concatenating %d s from %s%n", durationSec, base.getFileName());
            exec(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0",
                    "-i", list.toString(), "-t", Integer.toString(durationSec), "-c", "copy", "-movflags", "+faststart",
                    tmpVideo.toString()));
        }
        Files.move(tmpVideo, video, StandardCopyOption.REPLACE_EXISTING);
        SampleSpec spec = SampleSpec.standard(durationSec);
        List<SampleChat.Comment> comments = scaledChat(spec, (long) MESSAGES_PER_HOUR * durationSec / 3600);
        Path tmpChat = dir.resolve(".tmp-bench-chat.json");
        SampleChat.write(spec, comments, tmpChat);
        Files.move(tmpChat, chat, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(done, Integer.toString(comments.size()));
        return new BenchFiles(video, chat, durationSec, comments.size(), encode, true, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The inputs of the stage-alone runs ({@link StageAlone}), stream copies of the sample made once next to it:
     * {@code videoOnly} (no audio track: only video-service has work), {@code audioOnly} (no video track: only
     * audio-service) and {@code clip}, the sample's first {@value #CLIP_SEC} s (with the whole chat: the chat path's
     * work, the workers' next to nothing).
     */
    record StageFiles(Path videoOnly, Path audioOnly, Path clip) {
    }

    static final int CLIP_SEC = 2;

    static StageFiles stageFiles(BenchFiles sample) throws IOException, InterruptedException {
        Path dir = sample.video().getParent();
        StageFiles files = new StageFiles(dir.resolve("video-only.mp4"), dir.resolve("audio-only.m4a"), dir.resolve("clip.mp4"));
        streamCopy(sample.video(), files.videoOnly(), "-map", "0:v:0");
        streamCopy(sample.video(), files.audioOnly(), "-map", "0:a:0");
        streamCopy(sample.video(), files.clip(), "-t", Integer.toString(CLIP_SEC));
        return files;
    }

    /** {@code ffmpeg -i source ARGS -c copy target}, unless {@code target} exists (written under a temporary name first). */
    private static void streamCopy(Path source, Path target, String... args) throws IOException, InterruptedException {
        if (Files.isRegularFile(target)) {
            return;
        }
        Path tmp = target.resolveSibling(".tmp-" + target.getFileName());
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-i", source.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-c", "copy", "-movflags", "+faststart", "-f", "mp4", tmp.toString()));
        exec(command);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Repetitions of the sample chat needed for at least {@code target} messages. */
    static int factor(int baseMessages, long target) {
        return (int) Math.max(1, (target + baseMessages - 1) / baseMessages);
    }

    /**
     * The sample chat with every message repeated {@link #factor} times inside the same whole second (so per-second
     * counts, the baseline and the bursts scale together), with fresh ids, in offset order.
     */
    static List<SampleChat.Comment> scaledChat(SampleSpec spec, long target) {
        List<SampleChat.Comment> base = SampleChat.comments(spec);
        int k = factor(base.size(), target);
        List<SampleChat.Comment> out = new ArrayList<>(base.size() * k);
        for (SampleChat.Comment c : base) {
            long second = (long) Math.floor(c.offsetSec());
            int ms = (int) Math.round((c.offsetSec() - second) * 1000);
            for (int j = 0; j < k; j++) {
                int copyMs = 1 + (int) (((ms - 1) + j * 998.0 / k) % 998); // strictly inside the second: 1..998
                out.add(new SampleChat.Comment(j == 0 ? c.id() : c.id() + "-" + j, second + copyMs / 1000.0,
                        c.commenterId(), c.login(), c.displayName(), c.color(), c.badges(), c.body(), c.fragments()));
            }
        }
        out.sort(Comparator.comparingDouble(SampleChat.Comment::offsetSec));
        return out;
    }

    /** {@code ffprobe}'s container duration of a file, seconds. */
    public static double probeDuration(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(1, TimeUnit.MINUTES);
        return Double.parseDouble(text.lines().findFirst().orElse("nan"));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    static String describe(BenchFiles f) {
        return String.format(Locale.ROOT, "%d s of 720p30 H.264 (%s) + AAC (%s), %d chat messages", f.durationSec(),
                f.encode().description(), f.video().getFileName(), f.messages());
    }
}
