package dev.highlights.chatimport;

import dev.highlights.avro.Emote;
import java.util.Comparator;
import java.util.List;

/**
 * Emote positions. The schema counts UTF-16 code units (Java {@code String} indices), inclusive at both ends.
 * Twitch IRC's {@code emotes} tag, Twitch's GQL fragment offsets (TwitchDownloader {@code emoticons[].begin}) and
 * chat-downloader's {@code locations} (Python string indices) count Unicode code points; the two differ as soon
 * as an emoji or other character outside the Basic Multilingual Plane comes before the emote. This converts.
 */
final class TextPositions {

    static final Comparator<Emote> BY_BEGIN = Comparator.comparingInt(Emote::getBegin);

    private TextPositions() {
    }

    static boolean hasSurrogates(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * UTF-16 index of the code point with index {@code cp} ({@code cp} may equal the code point count: then the
     * text length); -1 when out of range.
     */
    static int utf16Index(String text, int cp, boolean surrogates) {
        if (cp < 0) {
            return -1;
        }
        if (!surrogates) {
            return cp <= text.length() ? cp : -1;
        }
        int i = 0;
        int n = text.length();
        for (int c = 0; c < cp; c++) {
            if (i >= n) {
                return -1;
            }
            char ch = text.charAt(i++);
            if (Character.isHighSurrogate(ch) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /**
     * An emote from an inclusive code point range, converted to an inclusive UTF-16 range; its name is the text it
     * covers unless {@code name} is given. Null when the range does not fit the text.
     */
    static Emote fromCodePoints(String text, String id, String name, int cpBegin, int cpEnd, boolean surrogates) {
        if (cpBegin < 0 || cpEnd < cpBegin) {
            return null;
        }
        int begin = utf16Index(text, cpBegin, surrogates);
        int endExclusive = utf16Index(text, cpEnd + 1, surrogates);
        if (begin < 0 || endExclusive < 0 || endExclusive <= begin) {
            return null;
        }
        return new Emote(id, name != null ? name : text.substring(begin, endExclusive), begin, endExclusive - 1);
    }

    /** An emote on an inclusive UTF-16 range; null when the range does not fit the text. */
    static Emote fromUtf16(String text, String id, String name, int begin, int end) {
        if (begin < 0 || end < begin || end >= text.length()) {
            return null;
        }
        return new Emote(id, name != null ? name : text.substring(begin, end + 1), begin, end);
    }

    /**
     * Parses {@code "0-4"} (inclusive code point range) into an emote on {@code text}; null when malformed or out
     * of range.
     */
    static Emote fromRangeText(String text, String id, String name, String range, int from, int to,
                               boolean surrogates) {
        int dash = range.indexOf('-', from);
        if (dash < 0 || dash >= to) {
            return null;
        }
        int b = parseNonNegativeInt(range, from, dash);
        int e = parseNonNegativeInt(range, dash + 1, to);
        if (b < 0 || e < 0) {
            return null;
        }
        return fromCodePoints(text, id, name, b, e, surrogates);
    }

    /** Decimal digits in {@code s[from, to)} (surrounding blanks allowed); -1 when not a small non-negative int. */
    static int parseNonNegativeInt(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (from >= to || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Index of the last character of the whitespace-free run that starts at {@code begin}. */
    static int endOfWord(String text, int begin) {
        int i = begin;
        int n = text.length();
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i - 1;
    }

    static void sort(List<Emote> emotes) {
        if (emotes.size() > 1) {
            emotes.sort(BY_BEGIN);
        }
    }
}
