package dev.highlights.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Small test media made with the ffmpeg CLI, once per build, under {@code target/test-media}: a media root
 * ({@link #root()}) and a directory outside it ({@link #outside()}) that a symlink in the root points to.
 */
public final class TestMedia {
    private static final String VERSION = "4";
    private static Path base;

    private TestMedia() {
    }

    public static synchronized Path base() {
        if (base == null) {
            Path dir = Path.of("target", "test-media").toAbsolutePath();
            try {
                if (!Files.exists(dir.resolve("ready-" + VERSION))) {
                    generate(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            base = dir;
        }
        return base;
    }

    public static Path root() {
        return base().resolve("root");
    }

    public static Path outside() {
        return base().resolve("outside");
    }

    /** {@code file:///...} of a file under the root. */
    public static String uri(String relative) {
        return root().resolve(relative).toUri().toString();
    }

    private static void generate(Path dir) throws IOException {
        deleteTree(dir);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("hls"));
        Files.createDirectories(root.resolve("chat"));
        // 20 s, 160x120 at 10 fps with a keyframe every second, 440 Hz tone; moov first for HTTP reads.
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000",
                "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "32k", "-shortest", "-movflags", "+faststart", root.resolve("av.mp4").toString());
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "12", "-an", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", root.resolve("video-only.mp4").toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:sample_rate=16000", "-t", "6", "-c:a", "aac", "-b:a", "32k",
                root.resolve("audio-only.m4a").toString());
        ffmpeg("-i", root.resolve("av.mp4").toString(), "-c", "copy", "-f", "hls", "-hls_time", "4",
                "-hls_playlist_type", "vod", "-hls_segment_filename", root.resolve("hls/seg%03d.ts").toString(),
                root.resolve("hls/av.m3u8").toString());
        // A live playlist: no #EXT-X-ENDLIST.
        Files.writeString(root.resolve("hls/live.m3u8"), "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:4.0,\nseg000.ts\n#EXTINF:4.0,\nseg001.ts\n");
        // A playlist that reaches out of the root.
        Files.writeString(root.resolve("hls/escape.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\n"
                + "../../outside/secret.ts\n#EXT-X-ENDLIST\n");
        byte[] garbage = new byte[4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(root.resolve("broken.mp4"), garbage);
        Files.copy(root.resolve("av.mp4"), outside.resolve("elsewhere.mp4"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(outside.resolve("secret.ts"), garbage);
        Files.createSymbolicLink(root.resolve("escape.mp4"), outside.resolve("elsewhere.mp4"));
        Files.createSymbolicLink(root.resolve("linked-dir"), outside);
        Files.createSymbolicLink(root.resolve("inside-link.mp4"), root.resolve("av.mp4"));
        // Chat exports: the chat parsers' own fixtures, plain and gzip, and text of no known format.
        copyResource("chat/twitch-downloader.json", root.resolve("chat/twitch-downloader.json"));
        copyResource("chat/twitch-irc.log", root.resolve("chat/twitch-irc.log"));
        try (InputStream in = Files.newInputStream(root.resolve("chat/twitch-downloader.json"));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("chat/twitch-downloader.json.gz")))) {
            in.transferTo(out);
        }
        Files.writeString(root.resolve("chat/notes.txt"), "just some notes, not a chat export\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ready-" + VERSION), "ok");
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = TestMedia.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void ffmpeg(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + command + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
