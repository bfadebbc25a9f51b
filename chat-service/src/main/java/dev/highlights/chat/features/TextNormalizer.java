package dev.highlights.chat.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text helpers shared by the lexicon and the repeat detection. Stateless.
 *
 * <p>Chat clients (Chatterino, 7TV) append invisible characters such as U+E0000 or U+034F to get past Twitch's
 * identical-message filter; those are removed first so that spam still looks like spam and does not add tokens.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Removes format, control (other than whitespace), unassigned and grapheme-joiner code points. */
    public static String stripInvisible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            boolean drop = isInvisible(cp);
            if (drop && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!drop && out != null) {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isInvisible(int cp) {
        if (isSpace(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.UNASSIGNED || cp == 0x034F;
    }

    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Splits on any Unicode whitespace (NBSP included); no empty tokens. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /**
     * Text key for copypasta/spam detection: invisible characters removed, lower-cased, every run of one repeated
     * character squeezed to one ("LOOOOL" = "lol"), whitespace collapsed and consecutive repeated words dropped
     * ("KEKW KEKW KEKW" = "KEKW"). Two messages repeat each other when their keys are equal.
     */
    public static String repeatKey(String text) {
        List<String> words = tokens(stripInvisible(text).toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (String word : words) {
            String squeezed = squeezeRuns(word, 1);
            if (squeezed.equals(previous)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(squeezed);
            previous = squeezed;
        }
        return out.toString();
    }

    /** Caps every run of one repeated code point at {@code maxRun} ("looool", 1) = "lol", ("gggg", 2) = "gg". */
    public static String squeezeRuns(String s, int maxRun) {
        StringBuilder out = new StringBuilder(s.length());
        int previous = -1;
        int run = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            run = cp == previous ? run + 1 : 1;
            if (run <= maxRun) {
                out.appendCodePoint(cp);
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Lower-cases and strips leading and trailing characters that are neither letters nor digits ("Haha!" = "haha"). */
    public static String wordCore(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && !Character.isLetterOrDigit(token.codePointAt(start))) {
            start += Character.charCount(token.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(token.codePointBefore(end))) {
            end -= Character.charCount(token.codePointBefore(end));
        }
        return token.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** 64-bit FNV-1a over the UTF-16 units: a compact, stable (JVM-independent) key for repeat detection. */
    public static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h ^= (c & 0xff);
            h *= 0x100000001b3L;
            h ^= (c >>> 8);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
