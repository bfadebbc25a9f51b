package dev.highlights.chat.features;

import static dev.highlights.chat.features.ChatLexicon.Category.EMOTE;
import static dev.highlights.chat.features.ChatLexicon.Category.GREETING;
import static dev.highlights.chat.features.ChatLexicon.Category.HYPE;
import static dev.highlights.chat.features.ChatLexicon.Category.LAUGHTER;
import static dev.highlights.chat.features.ChatLexicon.Category.NEGATIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatLexiconTest {

    private final ChatLexicon lexicon = ChatLexicon.builtIn();

    @Test
    void builtInKnowsTheClassicEmotesExactCase() {
        assertThat(lexicon.size()).isGreaterThan(50);
        assertThat(lexicon.classify("KEKW")).containsExactlyInAnyOrder(LAUGHTER, EMOTE);
        assertThat(lexicon.classify("OMEGALUL")).containsExactlyInAnyOrder(LAUGHTER, EMOTE);
        assertThat(lexicon.classify("LUL")).containsExactlyInAnyOrder(LAUGHTER, EMOTE);
        assertThat(lexicon.classify("PogChamp")).containsExactlyInAnyOrder(HYPE, EMOTE);
        assertThat(lexicon.classify("Pog")).containsExactlyInAnyOrder(HYPE, EMOTE);
        assertThat(lexicon.classify("POGGERS")).containsExactlyInAnyOrder(HYPE, EMOTE);
        assertThat(lexicon.classify("monkaS")).containsExactlyInAnyOrder(HYPE, EMOTE);
        assertThat(lexicon.classify("Sadge")).containsExactlyInAnyOrder(NEGATIVE, EMOTE);
        assertThat(lexicon.classify("NotLikeThis")).containsExactlyInAnyOrder(NEGATIVE, EMOTE);
        assertThat(lexicon.classify("F")).containsExactly(NEGATIVE);
        assertThat(lexicon.classify("Kappa")).containsExactly(EMOTE);
    }

    @Test
    void emoteCodesAreCaseSensitiveAndWholeTokens() {
        // Emote codes only render with their exact case and without punctuation attached.
        assertThat(lexicon.classify("monkas")).isEmpty();
        assertThat(lexicon.classify("notlikethis")).isEmpty();
        assertThat(lexicon.classify("f")).isEmpty();
        assertThat(lexicon.isEmote("KEKW")).isTrue();
        assertThat(lexicon.isEmote("kekw")).isFalse();
        assertThat(lexicon.isEmote("KEKW!")).isFalse();
        // ... but the lower-case word entries still catch laughter typed as a word.
        assertThat(lexicon.classify("kekw")).containsExactly(LAUGHTER);
        assertThat(lexicon.classify("KEKW!")).containsExactly(LAUGHTER);
    }

    @Test
    void wordsAreCaseInsensitiveWithPunctuationAndStretchedLetters() {
        for (String token : new String[] {"haha", "HAHA", "Hahahaha!", "lmao", "LMAO", "LMAOOOO", "lmao,", "lol",
                "LOOOL", "xD", "XDDD", "(rofl)"}) {
            assertThat(lexicon.classify(token)).as(token).contains(LAUGHTER).doesNotContain(EMOTE);
        }
        assertThat(lexicon.classify("POG")).contains(HYPE);
        assertThat(lexicon.classify("insane!!")).containsExactly(HYPE);
        assertThat(lexicon.classify("RIP")).containsExactly(NEGATIVE);
        assertThat(lexicon.classify("hello")).containsExactly(GREETING);
        assertThat(lexicon.classify("!!!")).isEmpty();
    }

    @Test
    void parsesCommentsPrefixesAndSqueezing() {
        ChatLexicon custom = ChatLexicon.parse("""
                # my lexicon
                hype gg    # good game
                  hype Pog*
                laughter haha*

                negative Sadge
                """);
        assertThat(custom.size()).isEqualTo(4);
        assertThat(custom.classify("GG")).containsExactly(HYPE);
        assertThat(custom.classify("gggg")).containsExactly(HYPE);
        assertThat(custom.classify("PogU")).containsExactly(HYPE);
        assertThat(custom.classify("pogu")).isEmpty();
        assertThat(custom.classify("hahaha")).containsExactly(LAUGHTER);
        assertThat(custom.classify("Sadge")).containsExactly(NEGATIVE);
        assertThat(custom.classify("KEKW")).isEmpty();
    }

    @Test
    void rejectsMalformedLinesNamingTheLine() {
        assertThatThrownBy(() -> ChatLexicon.parse("hype Pog\nfunny KEKW\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":2:").hasMessageContaining("funny");
        assertThatThrownBy(() -> ChatLexicon.parse("hype\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":1:");
        assertThatThrownBy(() -> ChatLexicon.parse("hype Pog Champ\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":1:");
        assertThatThrownBy(() -> ChatLexicon.parse("hype *\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty token");
    }

    @Test
    void userFileReplacesTheBuiltInList(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lexicon.txt");
        Files.writeString(file, "laughter xdd\nemote xdd\n", StandardCharsets.UTF_8);
        ChatLexicon user = ChatLexicon.fromFile(file);
        assertThat(user.classify("XDD")).containsExactlyInAnyOrder(LAUGHTER, EMOTE);
        assertThat(user.classify("KEKW")).isEmpty();
        assertThat(ChatLexicon.fromFileOrBuiltIn(file.toString()).size()).isEqualTo(2);
        assertThat(ChatLexicon.fromFileOrBuiltIn(" ").size()).isEqualTo(lexicon.size());
        assertThat(ChatLexicon.fromFileOrBuiltIn(null).size()).isEqualTo(lexicon.size());
        assertThatThrownBy(() -> ChatLexicon.fromFile(dir.resolve("missing.txt")))
                .hasMessageContaining("missing.txt");
    }
}
