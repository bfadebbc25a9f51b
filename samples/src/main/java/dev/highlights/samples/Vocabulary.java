package dev.highlights.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Which words a sample's chat uses: the demo's own, or one of the two evaluation vocabularies. The truth file names
 * it by {@link #id()}.
 */
public enum Vocabulary {
    /** The 4-minute demo's chat ({@link SampleChat}'s own lists). */
    DEMO("demo", null),
    /** The vocabulary of the evaluation set the rules are tuned on. */
    TUNING("tuning", "vocabulary-tuning.json"),
    /** The vocabulary of the held-out evaluation set: other emotes, commands, copypastas, raids, names and lags. */
    HELD_OUT("held-out", "vocabulary-held-out.json");

    private final String id;
    private final String resource;
    private volatile ChatVocabulary words;

    Vocabulary(String id, String resource) {
        this.id = id;
        this.resource = resource;
    }

    /** The name the truth file uses: {@code demo}, {@code tuning} or {@code held-out}. */
    public String id() {
        return id;
    }

    /** The words, read once from this class's resource file; the demo has none (its chat keeps its own lists). */
    public ChatVocabulary words() {
        if (resource == null) {
            throw new UnsupportedOperationException("the demo's chat has no evaluation vocabulary");
        }
        ChatVocabulary w = words;
        if (w == null) {
            try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing resource " + resource);
                }
                w = new ObjectMapper().readValue(in, ChatVocabulary.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read vocabulary " + resource, e);
            }
            words = w;
        }
        return w;
    }

    /** The vocabulary named {@code id}. */
    public static Vocabulary byId(String id) {
        for (Vocabulary v : values()) {
            if (v.id.equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown vocabulary: " + id + " (demo, tuning or held-out)");
    }
}
