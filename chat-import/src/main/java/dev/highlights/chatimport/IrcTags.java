package dev.highlights.chatimport;

/** IRCv3 message-tag value escaping and CTCP ACTION framing. */
final class IrcTags {

    /** CTCP ACTION ({@code /me}) messages are framed as {@code \x01ACTION text\x01}. */
    static final String ACTION_PREFIX = "\u0001ACTION";

    private IrcTags() {
    }

    /**
     * Unescapes a tag value per the IRCv3 message-tags spec: {@code \:} → {@code ;}, {@code \s} → space,
     * {@code \\} → {@code \}, {@code \r} → CR, {@code \n} → LF; a backslash before any other character is dropped
     * (the character stays), and a trailing lone backslash is dropped.
     */
    static String unescape(String s, int from, int to) {
        int bs = s.indexOf('\\', from);
        if (bs < 0 || bs >= to) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        sb.append(s, from, bs);
        for (int i = bs; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= to) {
                break; // trailing lone backslash
            }
            char e = s.charAt(i);
            switch (e) {
                case ':':
                    sb.append(';');
                    break;
                case 's':
                    sb.append(' ');
                    break;
                case '\\':
                    sb.append('\\');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                default:
                    sb.append(e);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        return unescape(s, 0, s.length());
    }

    /** The text of a {@code \x01ACTION text\x01} message (the closing {@code \x01} may be missing). */
    static String stripAction(String text) {
        int from = ACTION_PREFIX.length();
        if (from < text.length() && text.charAt(from) == ' ') {
            from++;
        }
        int to = text.length();
        if (to > from && text.charAt(to - 1) == '\u0001') {
            to--;
        }
        return from >= to ? "" : text.substring(from, to);
    }
}
