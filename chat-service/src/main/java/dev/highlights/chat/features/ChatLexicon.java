package dev.highlights.chat.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Emote-aware lexicon that sorts chat tokens into laughter, hype, negative and greeting, tells which tokens are emotes
 * and which first tokens are bot commands.
 *
 * <h2>File format</h2>
 * UTF-8 text, one {@code category token} pair per line; blank lines and lines starting with {@code #} are ignored,
 * as is anything after a {@code #} field. Categories: {@code laughter}, {@code hype}, {@code negative} and
 * {@code emote} (the token counts as an emote for emote share even when the platform gave no emote position, which
 * is the case for BTTV/FFZ/7TV emotes such as KEKW), {@code greeting} (greetings and raid words) and {@code command}
 * (a prefix such as {@code !}, matched as typed against the start of a message's first token; the case rules below
 * do not apply to it). A token may appear under several categories.
 *
 * <h2>Case rules</h2>
 * <ul>
 *   <li>A token written with any upper-case letter is an <b>emote code</b>: it matches only the exact same
 *       whitespace-separated token, case and punctuation included, because Twitch emote codes are case-sensitive
 *       ("LUL" renders as an emote, "lul" and "LUL!" do not).</li>
 *   <li>A token written all in lower case is a <b>word</b>: it matches case-insensitively after surrounding
 *       punctuation is stripped, also after repeated letters are squeezed to one or two
 *       ("LMAOOO" and "lmao!" match {@code lmao}; "gggg" matches {@code gg}).</li>
 *   <li>A trailing {@code *} makes the entry a prefix ({@code haha*} matches "hahahaha"), under the same case rule.</li>
 * </ul>
 * Only single tokens are matched, not phrases. A user file replaces the built-in list entirely; copy
 * {@value #RESOURCE} from the jar as a starting point.
 */
public final class ChatLexicon {

    /** Classpath resource holding the built-in lexicon. */
    public static final String RESOURCE = "chat-lexicon.txt";

    public enum Category {
        LAUGHTER, HYPE, NEGATIVE, EMOTE,
        /** Greetings and raid words: a burst of them is arrivals being welcomed, not a reaction to the stream. */
        GREETING,
        /**
         * A command prefix (the token is matched as typed, as the start of the message's first token): a message
         * that starts with one is a bot command ({@code !enter}), never a reaction.
         */
        COMMAND;

        /** Bit of this category in a category mask. */
        public int bit() {
            return 1 << ordinal();
        }
    }

    /** Mask of the sentiment categories (everything but EMOTE). */
    public static final int SENTIMENT_MASK = Category.LAUGHTER.bit() | Category.HYPE.bit() | Category.NEGATIVE.bit();

    /** Categories a message keeps in {@link MessageFacts#categoryMask()}: the sentiments and greetings. */
    public static final int CONTENT_MASK = SENTIMENT_MASK | Category.GREETING.bit();

    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> words = new HashMap<>();
    private final List<Prefix> exactPrefixes = new ArrayList<>();
    private final List<Prefix> wordPrefixes = new ArrayList<>();
    private final List<String> commandPrefixes = new ArrayList<>();
    private int entries;

    private record Prefix(String prefix, int mask) {
    }

    private ChatLexicon() {
    }

    /** The lexicon shipped in the jar. */
    public static ChatLexicon builtIn() {
        InputStream in = ChatLexicon.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("built-in lexicon resource " + RESOURCE + " is missing");
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + RESOURCE);
    }

    /** A user's lexicon file, replacing the built-in one. */
    public static ChatLexicon fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat lexicon " + file, e);
        }
    }

    /** The user's file when a path is given (non-blank), else the built-in lexicon: what configuration wiring calls. */
    public static ChatLexicon fromFileOrBuiltIn(String path) {
        return path == null || path.isBlank() ? builtIn() : fromFile(Path.of(path.trim()));
    }

    public static ChatLexicon parse(String text) {
        return parse(new StringReader(text), "text");
    }

    /** Parses the format described in the class comment; errors name the source and line. Closes the reader. */
    public static ChatLexicon parse(Reader reader, String sourceName) {
        ChatLexicon lexicon = new ChatLexicon();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                if (fields.length < 2 || (fields.length > 2 && !fields[2].startsWith("#"))) {
                    throw new IllegalArgumentException(sourceName + ":" + number
                            + ": expected 'category token', got '" + trimmed + "'");
                }
                Category category = category(fields[0], sourceName, number);
                lexicon.add(category, fields[1], sourceName, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat lexicon " + sourceName, e);
        }
        return lexicon;
    }

    private static Category category(String name, String sourceName, int number) {
        try {
            return Category.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sourceName + ":" + number + ": unknown category '" + name
                    + "' (laughter, hype, negative, emote, greeting, command)");
        }
    }

    private void add(Category category, String token, String sourceName, int number) {
        if (category == Category.COMMAND) {
            commandPrefixes.add(token);
            entries++;
            return;
        }
        boolean prefix = token.endsWith("*");
        String body = prefix ? token.substring(0, token.length() - 1) : token;
        if (body.isEmpty()) {
            throw new IllegalArgumentException(sourceName + ":" + number + ": empty token");
        }
        boolean emoteCode = !body.equals(body.toLowerCase(Locale.ROOT));
        if (emoteCode) {
            if (prefix) {
                exactPrefixes.add(new Prefix(body, category.bit()));
            } else {
                exact.merge(body, category.bit(), (a, b) -> a | b);
            }
        } else {
            if (prefix) {
                wordPrefixes.add(new Prefix(body, category.bit()));
            } else {
                words.merge(body, category.bit(), (a, b) -> a | b);
            }
        }
        entries++;
    }

    /** Number of entries read. */
    public int size() {
        return entries;
    }

    /** Categories of one whitespace-separated token (empty when none). */
    public Set<Category> classify(String token) {
        int mask = categoryMask(token);
        EnumSet<Category> set = EnumSet.noneOf(Category.class);
        for (Category c : Category.values()) {
            if ((mask & c.bit()) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    /** True when the token (a message's first) starts with a command prefix and has more after it ("!enter"). */
    public boolean isCommand(String firstToken) {
        for (String p : commandPrefixes) {
            if (firstToken.length() > p.length() && firstToken.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when the lexicon lists the token as an emote. */
    public boolean isEmote(String token) {
        return (categoryMask(token) & Category.EMOTE.bit()) != 0;
    }

    /** Categories of one token as a bit mask of {@link Category#bit()}; the fast path for the analyzer. */
    public int categoryMask(String token) {
        int mask = exact.getOrDefault(token, 0);
        for (Prefix p : exactPrefixes) {
            if (token.startsWith(p.prefix())) {
                mask |= p.mask();
            }
        }
        String core = TextNormalizer.wordCore(token);
        if (core.isEmpty()) {
            return mask;
        }
        // The word as typed, then with repeated letters squeezed to one and to two ("lmaooo", "gggg").
        String one = TextNormalizer.squeezeRuns(core, 1);
        String two = TextNormalizer.squeezeRuns(core, 2);
        mask |= wordMask(core);
        if (!one.equals(core)) {
            mask |= wordMask(one);
        }
        if (!two.equals(core) && !two.equals(one)) {
            mask |= wordMask(two);
        }
        return mask;
    }

    private int wordMask(String word) {
        int mask = words.getOrDefault(word, 0);
        for (Prefix p : wordPrefixes) {
            if (word.startsWith(p.prefix())) {
                mask |= p.mask();
            }
        }
        return mask;
    }
}
