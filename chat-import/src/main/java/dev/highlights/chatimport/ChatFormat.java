package dev.highlights.chatimport;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * The chat export formats the importer reads. {@link #sourceName()} is what goes into
 * {@code ChatMessage.source}.
 */
public enum ChatFormat {
    /** TwitchDownloader's chat JSON: a top-level object whose {@code comments} array holds the messages. */
    TWITCH_DOWNLOADER_JSON("twitch-downloader-json"),
    /** chat-downloader's JSON output: a top-level array of message objects with {@code time_in_seconds}. */
    CHAT_DOWNLOADER_JSON("chat-downloader-json"),
    /** Raw Twitch IRC lines (IRCv3 tags, PRIVMSG/USERNOTICE), optionally prefixed with {@code [yyyy-MM-dd HH:mm:ss] }. */
    TWITCH_IRC("twitch-irc");

    /** How many bytes {@link #detect(BufferedInputStream)} looks at, at most. */
    public static final int DETECT_LIMIT = 64 * 1024;

    private final String sourceName;

    ChatFormat(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The value for {@code ChatMessage.source}: twitch-downloader-json, chat-downloader-json or twitch-irc. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * Parses a user-supplied format name (case-insensitive): the enum name, the {@link #sourceName()}, or the short
     * forms {@code twitch-downloader}/{@code twitchdownloader}, {@code chat-downloader}/{@code chatdownloader},
     * {@code irc}. Empty for anything else (the REST layer answers 400/415).
     */
    public static Optional<ChatFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "twitch-downloader-json":
            case "twitch-downloader":
            case "twitchdownloader":
            case "twitchdownloader-json":
                return Optional.of(TWITCH_DOWNLOADER_JSON);
            case "chat-downloader-json":
            case "chat-downloader":
            case "chatdownloader":
            case "chatdownloader-json":
                return Optional.of(CHAT_DOWNLOADER_JSON);
            case "twitch-irc":
            case "irc":
                return Optional.of(TWITCH_IRC);
            default:
                return Optional.empty();
        }
    }

    /**
     * Guesses the format from the first non-blank bytes of already decompressed input, then resets the stream to
     * where it was (mark/reset; reads at most {@link #DETECT_LIMIT} bytes). A UTF-8 byte order mark is skipped.
     * <ul>
     *   <li>{@code {} → {@link #TWITCH_DOWNLOADER_JSON} (a JSON object with {@code comments})</li>
     *   <li>{@code [} followed by {@code {} or {@code ]} → {@link #CHAT_DOWNLOADER_JSON} (a JSON array)</li>
     *   <li>{@code [} followed by a digit → {@link #TWITCH_IRC} with a log timestamp prefix</li>
     *   <li>{@code @} (IRCv3 tags) or {@code :} (IRC prefix) → {@link #TWITCH_IRC}</li>
     *   <li>an upper-case IRC command or a 3-digit numeric followed by a space ({@code PING :tmi.twitch.tv},
     *       {@code CAP * ACK ...}) → {@link #TWITCH_IRC}</li>
     * </ul>
     * Empty when the input is empty or blank, or starts with anything else.
     */
    public static Optional<ChatFormat> detect(BufferedInputStream in) throws IOException {
        in.mark(DETECT_LIMIT);
        try {
            byte[] head = new byte[DETECT_LIMIT];
            int n = 0;
            while (n < head.length) {
                int r;
                try {
                    r = in.read(head, n, head.length - n);
                } catch (EOFException | ZipException e) {
                    break; // a broken-off gzip stream: decide on what arrived; the import reports the truncation
                }
                if (r < 0) {
                    break;
                }
                n += r;
                // Enough to decide once something other than blanks has been seen past the first significant byte.
                if (decided(head, n)) {
                    break;
                }
            }
            return detect(head, n);
        } finally {
            in.reset();
        }
    }

    private static boolean decided(byte[] head, int n) {
        int i = firstSignificant(head, 0, n);
        if (i < 0) {
            return false;
        }
        if (head[i] != '[') {
            return head[i] == '{' || head[i] == '@' || head[i] == ':' || indexOf(head, (byte) ' ', i, n) >= 0
                    || n - i > 20;
        }
        return firstSignificant(head, i + 1, n) >= 0;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #detect(BufferedInputStream)} on bytes already read. */
    public static Optional<ChatFormat> detect(byte[] head, int length) {
        int i = firstSignificant(head, 0, length);
        if (i < 0) {
            return Optional.empty();
        }
        switch (head[i]) {
            case '{':
                return Optional.of(TWITCH_DOWNLOADER_JSON);
            case '@':
            case ':':
                return Optional.of(TWITCH_IRC);
            case '[': {
                int j = firstSignificant(head, i + 1, length);
                if (j < 0 || head[j] == '{' || head[j] == ']') {
                    return Optional.of(CHAT_DOWNLOADER_JSON);
                }
                if (head[j] >= '0' && head[j] <= '9') {
                    return Optional.of(TWITCH_IRC);
                }
                return Optional.empty();
            }
            default:
                return ircCommandAt(head, i, length) ? Optional.of(TWITCH_IRC) : Optional.empty();
        }
    }

    /** An IRC command word (upper-case letters, or exactly three digits) followed by a space. */
    private static boolean ircCommandAt(byte[] b, int from, int length) {
        int i = from;
        boolean letters = b[i] >= 'A' && b[i] <= 'Z';
        boolean digits = b[i] >= '0' && b[i] <= '9';
        while (i < length && i - from < 20) {
            byte c = b[i];
            if (c == ' ') {
                return letters ? i - from >= 3 : i - from == 3;
            }
            if (letters ? (c < 'A' || c > 'Z') : !digits || c < '0' || c > '9') {
                return false;
            }
            i++;
        }
        return false;
    }

    private static int firstSignificant(byte[] b, int from, int length) {
        int i = from;
        if (i == 0 && length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
        }
        return -1;
    }
}
