package dev.highlights.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./highlights run}: the same as demo on the user's VOD and chat. */
@Command(name = "run", description = "find the highlights of your VOD (a file, http(s) or HLS .m3u8) and its chat")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--video", required = true, paramLabel = "FILE|URL", description = "the VOD")
    private String video;

    @Option(names = "--chat", paramLabel = "FILE",
            description = "its chat export (TwitchDownloader JSON, chat-downloader JSON or IRC log, plain or gzip)")
    private String chat;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "highlights-out",
            description = "where highlights.json and report.html go (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(names = "--title", paramLabel = "TEXT", description = "the VOD's title (default: the file name)")
    private String title;

    @Option(names = "--timeout-minutes", paramLabel = "N", defaultValue = "120",
            description = "give up after this long (default: ${DEFAULT-VALUE})")
    private long timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        URI media = toUri(video, "--video");
        URI chatUri = chat == null ? null : toUri(chat, "--chat");
        if (timeoutMinutes < 1) {
            throw new UsageException("--timeout-minutes takes a whole number >= 1, not " + timeoutMinutes);
        }
        return new LocalRun(cli).process(title != null ? title : fileName(media), media, chatUri,
                outDir.toAbsolutePath().normalize(), Duration.ofMinutes(timeoutMinutes));
    }

    private static URI toUri(String value, String option) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return URI.create(value);
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + value + ": no such file");
        }
        return file.toUri();
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        return path == null || path.isEmpty() ? uri.toString() : path.substring(path.lastIndexOf('/') + 1);
    }
}
