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
@Command(name = "run", description = {"find the highlights of your VOD (a file, http(s) or HLS .m3u8) and its chat,",
        "or, with --live, of a live stream as it airs"})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private HighlightsCli cli;

    @Option(names = "--video", required = true, paramLabel = "FILE|URL",
            description = "the VOD; with --live, the stream's HLS playlist (.m3u8)")
    private String video;

    @Option(names = "--live", description = "follow a live stream until it ends (its playlist's end) or Ctrl-C, "
            + "printing highlights as they come; the report is written at the end")
    private boolean live;

    @Option(names = "--chat-channel", paramLabel = "NAME|URI",
            description = "with --live: the Twitch channel whose chat is read as it airs, or an irc(s):// channel URI")
    private String chatChannel;

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
        if (timeoutMinutes < 1) {
            throw new UsageException("--timeout-minutes takes a whole number >= 1, not " + timeoutMinutes);
        }
        if (live) {
            if (chat != null) {
                throw new UsageException("--chat is a recorded VOD's chat export; a live stream's chat is read from "
                        + "--chat-channel");
            }
            return new LocalRun(cli).processLive(title != null ? title : fileName(media), media,
                    chatChannel == null ? null : channelUri(chatChannel), outDir.toAbsolutePath().normalize(),
                    Duration.ofMinutes(timeoutMinutes));
        }
        if (chatChannel != null) {
            throw new UsageException("--chat-channel reads a live stream's chat: add --live");
        }
        URI chatUri = chat == null ? null : toUri(chat, "--chat");
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

    /** A Twitch channel name, or a full irc(s):// channel URI. */
    static URI channelUri(String value) {
        if (value.startsWith("irc://") || value.startsWith("ircs://")) {
            return URI.create(value);
        }
        String name = value.startsWith("#") ? value.substring(1) : value;
        if (!name.matches("[A-Za-z0-9_]{1,25}")) {
            throw new UsageException("--chat-channel " + value + ": a Twitch channel name is 1 to 25 letters, digits "
                    + "or _ (or give an irc(s)://host:port/#channel URI)");
        }
        return URI.create("ircs://irc.chat.twitch.tv:6697/#" + name.toLowerCase(java.util.Locale.ROOT));
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        return path == null || path.isEmpty() ? uri.toString() : path.substring(path.lastIndexOf('/') + 1);
    }
}
