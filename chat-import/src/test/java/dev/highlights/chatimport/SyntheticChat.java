package dev.highlights.chatimport;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes large synthetic chat exports, streaming (one message at a time, nothing kept), for the 1-million-message
 * test and the benchmark. Messages look like real ones: TwitchDownloader comments with commenter, fragments,
 * badges and emoticons (~600 bytes each), full-tag Twitch IRC lines (~330 bytes), chat-downloader messages. One
 * message in 40 carries an emote, one in 500 is a sub notice, one in 700 a cheer; a few contain emoji.
 */
public final class SyntheticChat {

    /** Stream start of the synthetic VOD: 2024-01-01T12:00:00Z. */
    public static final long STREAM_START = 1_704_110_400_000L;
    /** Messages per second of the synthetic VOD (so 1M messages span about 9 hours). */
    public static final int RATE = 30;

    private static final String[] PHRASES = {
        "that was insane", "LETS GO", "no way he hit that", "gg", "what is this song?", "chat is so fast rn",
        "first time here, love the vibes", "can we get some W's in the chat", "he's cooking",
        "bro really said that \uD83D\uDE02", "clip it!!!", "how long has he been live?", "rip", "EZ Clap",
        "this map is so good", "caf\u00e9 break? \u2615",
    };

    private SyntheticChat() {
    }

    public static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (!gzip) {
            return out;
        }
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static long offsetMs(int i) {
        return i * 1000L / RATE + (i * 7L) % 33;
    }

    /** A UUID-shaped id unique per index, without String.format (which would dominate the generation time). */
    private static String uuid(int i) {
        long hi = (i * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL;
        char[] c = new char[36];
        int k = 0;
        for (int g : new int[] {8, 4, 4, 4}) {
            for (int j = 0; j < g; j++) {
                c[k++] = HEX[(int) (hi & 0xf)];
                hi >>>= 4;
            }
            c[k++] = '-';
        }
        long lo = i;
        for (int j = 0; j < 12; j++) {
            c[k + 11 - j] = HEX[(int) (lo & 0xf)];
            lo >>>= 4;
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String user(int i) {
        return "viewer" + ((i * 31) % 20_000);
    }

    private static String isoMs(long epochMs) {
        return java.time.Instant.ofEpochMilli(epochMs).toString();
    }

    /** A TwitchDownloader chat JSON with {@code n} comments (compact, as TwitchDownloader writes it). */
    public static void writeTwitchDownloader(OutputStream out, int n) throws IOException {
        Writer w = writer(out);
        w.write("{\"FileInfo\":{\"Version\":{\"Major\":1,\"Minor\":4,\"Patch\":0},\"CreatedAt\":\"2024-01-02T00:00:00Z\"},"
                + "\"streamer\":{\"name\":\"Synthetic\",\"id\":12826},\"video\":{\"title\":\"Synthetic VOD\","
                + "\"id\":\"2000000001\",\"created_at\":\"2024-01-01T12:00:00Z\",\"start\":0,\"end\":40000,"
                + "\"length\":40000,\"chapters\":[]},\"comments\":[");
        StringBuilder sb = new StringBuilder(1024);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            if (i > 0) {
                sb.append(',');
            }
            long off = offsetMs(i);
            String u = user(i);
            String phrase = PHRASES[i % PHRASES.length];
            boolean emote = i % 40 == 0;
            boolean sub = i % 500 == 7;
            boolean cheer = i % 700 == 3;
            String body = emote ? "Kappa " + phrase : cheer ? "Cheer100 " + phrase : phrase;
            sb.append("{\"_id\":\"").append(uuid(i)).append("\",\"created_at\":\"").append(isoMs(STREAM_START + off))
                    .append("\",\"channel_id\":\"12826\",\"content_type\":\"video\",\"content_id\":\"2000000001\","
                            + "\"content_offset_seconds\":").append(off / 1000.0)
                    .append(",\"commenter\":{\"display_name\":\"").append(u.toUpperCase(Locale.ROOT))
                    .append("\",\"_id\":\"").append(100_000 + (i * 31) % 20_000).append("\",\"name\":\"").append(u)
                    .append("\",\"bio\":null,\"created_at\":\"2015-01-01T00:00:00Z\","
                            + "\"logo\":\"https://static-cdn.jtvnw.net/jtv_user_pictures/x-profile_image-300x300.png\"},"
                            + "\"message\":{\"body\":\"").append(body).append("\",\"bits_spent\":")
                    .append(cheer ? 100 : 0).append(",\"fragments\":[");
            if (emote) {
                sb.append("{\"text\":\"Kappa\",\"emoticon\":{\"emoticon_id\":\"25\",\"emoticon_set_id\":\"\"}},"
                        + "{\"text\":\" ").append(phrase).append("\",\"emoticon\":null}");
            } else {
                sb.append("{\"text\":\"").append(body).append("\",\"emoticon\":null}");
            }
            sb.append("],\"user_badges\":[{\"_id\":\"subscriber\",\"version\":\"").append(i % 24)
                    .append("\"},{\"_id\":\"premium\",\"version\":\"1\"}],\"user_color\":\"#1E90FF\","
                            + "\"user_notice_params\":{\"msg-id\":").append(sub ? "\"resub\"" : "null")
                    .append("},\"emoticons\":[");
            if (emote) {
                sb.append("{\"_id\":\"25\",\"begin\":0,\"end\":6}");
            }
            sb.append("]}}");
            w.append(sb);
        }
        w.write("],\"embeddedData\":null}");
        w.flush();
    }

    /** {@code n} Twitch IRC PRIVMSG/USERNOTICE lines with full tags, plus a PING every 10000 lines. */
    public static void writeIrc(OutputStream out, int n) throws IOException {
        Writer w = writer(out);
        StringBuilder sb = new StringBuilder(512);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            if (i % 10_000 == 0) {
                sb.append("PING :tmi.twitch.tv\n");
            }
            String u = user(i);
            String phrase = PHRASES[i % PHRASES.length];
            boolean emote = i % 40 == 0;
            boolean sub = i % 500 == 7;
            boolean cheer = i % 700 == 3;
            sb.append("@badge-info=subscriber/").append(i % 24).append(";badges=subscriber/").append(i % 24)
                    .append(",premium/1;").append(cheer ? "bits=100;" : "").append("color=#1E90FF;display-name=")
                    .append(u.toUpperCase(Locale.ROOT)).append(";emotes=").append(emote ? "25:0-4" : "")
                    .append(";first-msg=0;flags=;id=").append(uuid(i)).append(";")
                    .append(sub ? "login=" + u + ";msg-id=resub;system-msg=" + u + "\\ssubscribed\\sfor\\s7\\smonths!;"
                            : "")
                    .append("mod=0;returning-chatter=0;room-id=12826;subscriber=1;tmi-sent-ts=")
                    .append(STREAM_START + offsetMs(i)).append(";turbo=0;user-id=").append(100_000 + (i * 31) % 20_000)
                    .append(";user-type= ");
            if (sub) {
                sb.append(":tmi.twitch.tv USERNOTICE #synthetic :");
            } else {
                sb.append(':').append(u).append('!').append(u).append('@').append(u)
                        .append(".tmi.twitch.tv PRIVMSG #synthetic :");
            }
            sb.append(emote ? "Kappa " : cheer ? "Cheer100 " : "").append(phrase).append('\n');
            w.append(sb);
        }
        w.flush();
    }

    /** A chat-downloader JSON array of {@code n} messages. */
    public static void writeChatDownloader(OutputStream out, int n) throws IOException {
        Writer w = writer(out);
        w.write("[");
        StringBuilder sb = new StringBuilder(1024);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            if (i > 0) {
                sb.append(", ");
            }
            long off = offsetMs(i);
            String u = user(i);
            String phrase = PHRASES[i % PHRASES.length];
            boolean emote = i % 40 == 0;
            sb.append("{\"time_in_seconds\": ").append(off / 1000.0).append(", \"action_type\": \"text_message\", "
                    + "\"message\": \"").append(emote ? "Kappa " : "").append(phrase)
                    .append("\", \"message_id\": \"").append(uuid(i)).append("\", \"timestamp\": ")
                    .append((STREAM_START + off) * 1000L).append(", \"time_text\": \"").append(off / 60_000)
                    .append(":00\", \"author\": {\"id\": \"").append(100_000 + (i * 31) % 20_000)
                    .append("\", \"name\": \"").append(u).append("\", \"display_name\": \"")
                    .append(u.toUpperCase(Locale.ROOT)).append("\", \"colour\": \"#1E90FF\", \"badges\": "
                            + "[{\"name\": \"subscriber\", \"version\": ").append(i % 24)
                    .append(", \"title\": \"Subscriber\"}]}, ");
            if (emote) {
                sb.append("\"emotes\": [{\"id\": \"25\", \"name\": \"Kappa\", \"locations\": [\"0-4\"]}], ");
            }
            sb.append("\"message_type\": \"text_message\"}");
            w.append(sb);
        }
        w.write("]");
        w.flush();
    }

    /** Writes {@code n} messages of {@code format} to {@code file}. */
    public static void write(Path file, ChatFormat format, int n, boolean gzip) throws IOException {
        try (OutputStream out = open(file, gzip)) {
            switch (format) {
                case TWITCH_DOWNLOADER_JSON -> writeTwitchDownloader(out, n);
                case CHAT_DOWNLOADER_JSON -> writeChatDownloader(out, n);
                case TWITCH_IRC -> writeIrc(out, n);
                default -> throw new IllegalArgumentException(format.toString());
            }
        }
    }
}
