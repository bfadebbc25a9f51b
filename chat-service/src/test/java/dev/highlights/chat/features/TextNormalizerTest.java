package dev.highlights.chat.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void repeatKeyFoldsCaseRunsWhitespaceAndRepeatedWords() {
        assertThat(TextNormalizer.repeatKey("KEKW KEKW KEKW")).isEqualTo("kekw");
        assertThat(TextNormalizer.repeatKey("kekw")).isEqualTo("kekw");
        assertThat(TextNormalizer.repeatKey("LOOOOL")).isEqualTo(TextNormalizer.repeatKey("lol"));
        assertThat(TextNormalizer.repeatKey("  hello \t  world  ")).isEqualTo(TextNormalizer.repeatKey("Hello World"));
        assertThat(TextNormalizer.repeatKey("a b a b")).isEqualTo("a b a b");
        assertThat(TextNormalizer.repeatKey("")).isEmpty();
        assertThat(TextNormalizer.repeatKey("hello world")).isNotEqualTo(TextNormalizer.repeatKey("hello word"));
    }

    @Test
    void invisibleSpamSuffixesAreIgnored() {
        // Chatterino/7TV append U+E0000 (or U+034F) to get past Twitch's duplicate-message filter.
        String tagged = "KEKW \uDB40\uDC00";
        assertThat(TextNormalizer.repeatKey(tagged)).isEqualTo("kekw");
        assertThat(TextNormalizer.repeatKey("Pog\u034F")).isEqualTo("pog");
        assertThat(TextNormalizer.tokens(TextNormalizer.stripInvisible(tagged))).containsExactly("KEKW");
        assertThat(TextNormalizer.stripInvisible("a\u200Bb")).isEqualTo("ab");
        assertThat(TextNormalizer.stripInvisible("plain")).isSameAs("plain");
    }

    @Test
    void tokensSplitOnAnyWhitespace() {
        assertThat(TextNormalizer.tokens(" a\u00A0b\tc\n d ")).containsExactly("a", "b", "c", "d");
        assertThat(TextNormalizer.tokens("   ")).isEmpty();
    }

    @Test
    void squeezeAndWordCore() {
        assertThat(TextNormalizer.squeezeRuns("looool", 1)).isEqualTo("lol");
        assertThat(TextNormalizer.squeezeRuns("gggg", 2)).isEqualTo("gg");
        assertThat(TextNormalizer.squeezeRuns("😂😂😂", 1)).isEqualTo("😂");
        assertThat(TextNormalizer.wordCore("\"Haha!!\"")).isEqualTo("haha");
        assertThat(TextNormalizer.wordCore("...")).isEmpty();
    }

    @Test
    void hashIsStableAndSeparatesKeys() {
        assertThat(TextNormalizer.hash64("kekw")).isEqualTo(TextNormalizer.hash64("kekw"));
        assertThat(TextNormalizer.hash64("kekw")).isNotEqualTo(TextNormalizer.hash64("kekl"));
        assertThat(TextNormalizer.hash64("")).isEqualTo(0xcbf29ce484222325L);
    }
}
