package dev.highlights.chatimport;

import dev.highlights.avro.Badge;
import dev.highlights.avro.ChatMessageType;
import dev.highlights.avro.Emote;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Twitch IRC log lines, one raw IRC message per line:
 * {@code [@tags ][:prefix ]COMMAND params[ :trailing]}, optionally preceded by a log timestamp
 * {@code [2024-01-01 12:00:00] } (also {@code [2024-01-01T12:00:00.123Z]}; without an offset it is read in
 * {@link ChatImportOptions#logTimeZone()}).
 *
 * <ul>
 *   <li>PRIVMSG is CHAT, or CHEER with a {@code bits} tag, or ACTION for {@code \x01ACTION ...\x01} (the framing
 *       is removed from the text).</li>
 *   <li>USERNOTICE is typed by {@code msg-id} ({@link ChatMessages#typeOfNotice}); its text is the user's message
 *       when there is one, else the {@code system-msg} tag.</li>
 *   <li>Other well-formed IRC lines (PING, JOIN, ROOMSTATE, CLEARCHAT, numerics ...) are ignored, not malformed;
 *       blank lines are skipped.</li>
 *   <li>Time: {@code tmi-sent-ts} (epoch ms), else the log timestamp; the VOD offset is the difference to
 *       {@link ChatImportOptions#streamStartEpochMs()}. A line with neither, or sent before the stream start, is
 *       malformed.</li>
 *   <li>Tag values are unescaped per IRCv3 ({@code \s \: \\ \r \n}).</li>
 *   <li>Emote positions in the {@code emotes} tag count code points; they are converted to the schema's UTF-16
 *       indices (see {@link TextPositions}), and ranges that do not fit the text are dropped.</li>
 *   <li>Author: the prefix nick ({@code nick!user@host}), else the {@code login} tag, else the display name
 *       (for USERNOTICE, whose prefix is the server, the {@code login} tag first).</li>
 * </ul>
 */
final class TwitchIrcImporter {

    private static final Set<String> IGNORED_COMMANDS = Set.of("PING", "PONG", "JOIN", "PART", "QUIT", "NICK",
            "PASS", "CAP", "MODE", "CLEARCHAT", "CLEARMSG", "ROOMSTATE", "USERSTATE", "GLOBALUSERSTATE", "NOTICE",
            "HOSTTARGET", "RECONNECT", "WHISPER", "USERLIST");

    private final ImportContext ctx;
    private final LineReader reader;
    private final long streamStart;

    // Tags of the current line.
    private String tagBadges;
    private String tagBits;
    private String tagColor;
    private String tagDisplayName;
    private String tagEmotes;
    private String tagId;
    private String tagLogin;
    private String tagMsgId;
    private String tagReplyParent;
    private String tagSystemMsg;
    private String tagSentTs;
    private String tagUserId;

    TwitchIrcImporter(ImportContext ctx, InputStream in) {
        this(ctx, new LineReader(in, ctx.inputError, ctx.options.maxEntryBytes()));
    }

    /** An importer fed one line at a time ({@link #line}), as a live connection delivers them. */
    TwitchIrcImporter(ImportContext ctx) {
        this(ctx, (LineReader) null);
    }

    private TwitchIrcImporter(ImportContext ctx, LineReader reader) {
        this.ctx = ctx;
        this.reader = reader;
        Long start = ctx.options.streamStartEpochMs();
        if (start == null) {
            throw new ChatImportException(ChatImportException.Reason.MISSING_STREAM_START,
                    "Twitch IRC chat needs the stream start time (epoch ms) to map tmi-sent-ts to VOD offsets");
        }
        this.streamStart = start;
    }

    void run() throws IOException {
        while (reader.next()) {
            if (!reader.newlineTerminated() && reader.inputError() != null) {
                ctx.truncated(reader.lineNumber(), reader.lineOffset(),
                        "last line cut off (truncated file); " + reader.inputError());
                return;
            }
            if (reader.overflow()) {
                ctx.malformed(reader.lineNumber(), reader.lineOffset(),
                        "line longer than " + ctx.options.maxEntryBytes() + " bytes; skipped");
                continue;
            }
            String problem;
            try {
                problem = readLine(reader.line());
            } catch (RuntimeException e) {
                if (ctx.sinkFailed() || e instanceof ChatImportException) {
                    throw e; // the sink failed: that is the caller's error, not a bad line
                }
                problem = "unreadable line: " + e; // a line must never end the import
            }
            if (problem != null) {
                ctx.malformed(reader.lineNumber(), reader.lineOffset(), problem);
            }
        }
        if (reader.inputError() != null) {
            ctx.truncated(reader.lineNumber() + 1, reader.position(), "input ended early (truncated file); "
                    + reader.inputError());
        }
    }

    /**
     * Reads one line: null when it was a message (emitted), ignored or blank; else why it is malformed (a bad line
     * never throws; the sink's failures do).
     */
    String line(String line) {
        try {
            return readLine(line);
        } catch (RuntimeException e) {
            if (ctx.sinkFailed() || e instanceof ChatImportException) {
                throw e;
            }
            return "unreadable line: " + e;
        }
    }

    /** Null when the line was a message (emitted), ignored or blank; else why it is malformed. */
    private String readLine(String line) {
        int n = line.length();
        int i = skipSpaces(line, 0);
        if (i == n) {
            return null;
        }
        Long logTime = null;
        if (line.charAt(i) == '[') {
            int close = line.indexOf(']', i);
            if (close < 0) {
                return "unterminated log timestamp";
            }
            logTime = IsoTimes.parseEpochMs(line.substring(i + 1, close).trim(), ctx.options.logTimeZone());
            if (logTime == null) {
                return "unreadable log timestamp '" + line.substring(i + 1, close) + "'";
            }
            i = skipSpaces(line, close + 1);
            if (i == n) {
                return "log timestamp without an IRC message";
            }
        }
        clearTags();
        if (line.charAt(i) == '@') {
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                return "tags without a command";
            }
            readTags(line, i + 1, sp);
            i = skipSpaces(line, sp + 1);
        }
        String nick = null;
        if (i < n && line.charAt(i) == ':') {
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                return "prefix without a command";
            }
            int bang = line.indexOf('!', i);
            if (bang > i + 1 && bang < sp) {
                nick = line.substring(i + 1, bang);
            } else if (line.indexOf('.', i) < 0 || line.indexOf('.', i) > sp) {
                nick = line.substring(i + 1, sp); // a bare nick; a server name has dots
            }
            i = skipSpaces(line, sp + 1);
        }
        if (i == n) {
            return "no IRC command";
        }
        int cmdEnd = line.indexOf(' ', i);
        if (cmdEnd < 0) {
            cmdEnd = n;
        }
        boolean privmsg = regionIs(line, i, cmdEnd, "PRIVMSG");
        boolean usernotice = !privmsg && regionIs(line, i, cmdEnd, "USERNOTICE");
        if (!privmsg && !usernotice) {
            String command = line.substring(i, cmdEnd);
            if (IGNORED_COMMANDS.contains(command) || isNumeric(command)) {
                ctx.ignored();
                return null;
            }
            return "not an IRC message or unknown IRC command '" + abbreviate(command) + "'";
        }
        // Params: the channel, then the trailing text.
        i = skipSpaces(line, cmdEnd);
        if (i == n || line.charAt(i) == ':') {
            return (privmsg ? "PRIVMSG" : "USERNOTICE") + " without a channel";
        }
        int chanEnd = line.indexOf(' ', i);
        String trailing = null;
        if (chanEnd >= 0) {
            int t = skipSpaces(line, chanEnd);
            if (t < n) {
                if (line.charAt(t) == ':') {
                    trailing = line.substring(t + 1);
                } else {
                    int e = line.indexOf(' ', t);
                    trailing = line.substring(t, e < 0 ? n : e);
                }
            }
        }
        // Time.
        long epochMs;
        if (tagSentTs != null) {
            try {
                epochMs = Long.parseLong(tagSentTs.trim());
            } catch (NumberFormatException e) {
                return "tmi-sent-ts is not a number: '" + abbreviate(tagSentTs) + "'";
            }
        } else if (logTime != null) {
            epochMs = logTime;
        } else {
            return "no timestamp (neither a tmi-sent-ts tag nor a log timestamp)";
        }
        long offsetMs = epochMs - streamStart;
        if (offsetMs < 0) {
            return "sent " + (-offsetMs) + " ms before the stream start";
        }
        double offsetSec = offsetMs / 1000.0;

        String text;
        ChatMessageType type;
        int bits = 0;
        if (tagBits != null) {
            int b = TextPositions.parseNonNegativeInt(tagBits, 0, tagBits.length());
            bits = Math.max(b, 0);
        }
        if (privmsg) {
            if (trailing == null) {
                return "PRIVMSG without text";
            }
            text = trailing;
            boolean action = false;
            if (text.startsWith(IrcTags.ACTION_PREFIX)) {
                text = IrcTags.stripAction(text);
                action = true;
            }
            type = ImportContext.userMessageType(bits, action);
        } else {
            text = trailing != null ? trailing : tagSystemMsg != null ? tagSystemMsg : "";
            if (text.startsWith(IrcTags.ACTION_PREFIX)) {
                text = IrcTags.stripAction(text);
            }
            type = tagMsgId != null && !tagMsgId.isBlank() ? ChatMessages.typeOfNotice(tagMsgId.trim())
                    : ChatMessageType.SYSTEM;
        }
        String author = privmsg ? ImportContext.authorNameOf(nick, tagLogin, tagDisplayName)
                : ImportContext.authorNameOf(tagLogin, nick, tagDisplayName);
        if (author == null) {
            if (privmsg) {
                return "PRIVMSG without an author (no nick!user@host prefix, login or display-name tag)";
            }
            author = "";
        }
        List<Emote> emotes = tagEmotes == null || tagEmotes.isEmpty() ? new ArrayList<>(0) : emotes(text, tagEmotes);
        List<Badge> badges = tagBadges == null || tagBadges.isEmpty() ? null : badges(tagBadges);
        ctx.emit(tagId, offsetSec, epochMs, tagUserId, author, tagDisplayName, tagColor, text, emotes, badges, bits,
                tagReplyParent, type);
        return null;
    }

    private void clearTags() {
        tagBadges = null;
        tagBits = null;
        tagColor = null;
        tagDisplayName = null;
        tagEmotes = null;
        tagId = null;
        tagLogin = null;
        tagMsgId = null;
        tagReplyParent = null;
        tagSystemMsg = null;
        tagSentTs = null;
        tagUserId = null;
    }

    /** {@code key=value;key=value} in {@code line[from, to)}; only the tags used are kept (unescaped). */
    private void readTags(String line, int from, int to) {
        int p = from;
        while (p < to) {
            int semi = line.indexOf(';', p);
            if (semi < 0 || semi > to) {
                semi = to;
            }
            int eq = line.indexOf('=', p);
            int keyEnd = eq >= 0 && eq < semi ? eq : semi;
            int valueStart = keyEnd < semi ? keyEnd + 1 : semi;
            int len = keyEnd - p;
            switch (len) {
                case 2:
                    if (regionIs(line, p, keyEnd, "id")) {
                        tagId = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 4:
                    if (regionIs(line, p, keyEnd, "bits")) {
                        tagBits = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 5:
                    if (regionIs(line, p, keyEnd, "color")) {
                        tagColor = IrcTags.unescape(line, valueStart, semi);
                    } else if (regionIs(line, p, keyEnd, "login")) {
                        tagLogin = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 6:
                    if (regionIs(line, p, keyEnd, "badges")) {
                        tagBadges = IrcTags.unescape(line, valueStart, semi);
                    } else if (regionIs(line, p, keyEnd, "emotes")) {
                        tagEmotes = IrcTags.unescape(line, valueStart, semi);
                    } else if (regionIs(line, p, keyEnd, "msg-id")) {
                        tagMsgId = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 7:
                    if (regionIs(line, p, keyEnd, "user-id")) {
                        tagUserId = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 10:
                    if (regionIs(line, p, keyEnd, "system-msg")) {
                        tagSystemMsg = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 11:
                    if (regionIs(line, p, keyEnd, "tmi-sent-ts")) {
                        tagSentTs = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 12:
                    if (regionIs(line, p, keyEnd, "display-name")) {
                        tagDisplayName = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                case 19:
                    if (regionIs(line, p, keyEnd, "reply-parent-msg-id")) {
                        tagReplyParent = IrcTags.unescape(line, valueStart, semi);
                    }
                    break;
                default:
                    break;
            }
            p = semi + 1;
        }
    }

    /** {@code id:b-e,b-e/id:b-e}, code point ranges on {@code text}, as UTF-16 emotes sorted by position. */
    static List<Emote> emotes(String text, String tag) {
        boolean surrogates = TextPositions.hasSurrogates(text);
        List<Emote> emotes = new ArrayList<>(4);
        int n = tag.length();
        int p = 0;
        while (p < n) {
            int slash = tag.indexOf('/', p);
            int groupEnd = slash < 0 ? n : slash;
            int colon = tag.indexOf(':', p);
            if (colon > p && colon < groupEnd) {
                String id = tag.substring(p, colon);
                int r = colon + 1;
                while (r < groupEnd) {
                    int comma = tag.indexOf(',', r);
                    int rangeEnd = comma < 0 || comma > groupEnd ? groupEnd : comma;
                    Emote e = TextPositions.fromRangeText(text, id, null, tag, r, rangeEnd, surrogates);
                    if (e != null) {
                        emotes.add(e);
                    }
                    r = rangeEnd + 1;
                }
            }
            p = groupEnd + 1;
        }
        TextPositions.sort(emotes);
        return emotes;
    }

    /** {@code name/version,name/version}. */
    static List<Badge> badges(String tag) {
        List<Badge> badges = new ArrayList<>(3);
        int n = tag.length();
        int p = 0;
        while (p < n) {
            int comma = tag.indexOf(',', p);
            int end = comma < 0 ? n : comma;
            if (end > p) {
                int slash = tag.indexOf('/', p);
                if (slash > p && slash < end) {
                    String version = tag.substring(slash + 1, end);
                    badges.add(new Badge(tag.substring(p, slash), version.isEmpty() ? "1" : version));
                } else if (slash != p) {
                    badges.add(new Badge(tag.substring(p, end), "1"));
                }
            }
            p = end + 1;
        }
        return badges;
    }

    private static int skipSpaces(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean regionIs(String s, int from, int to, String word) {
        return to - from == word.length() && s.regionMatches(from, word, 0, word.length());
    }

    private static boolean isNumeric(String command) {
        if (command.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = command.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
