package dev.highlights.chat.features;

import static dev.highlights.chat.features.ChatFixtures.msg;
import static dev.highlights.chat.features.ChatFixtures.msgWithEmotes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-second rules on hand-written messages: counts, chatters, emotes, lexicon categories, repeats. */
class ChatRulesTest {

    private final MessageAnalyzer analyzer = new MessageAnalyzer(ChatLexicon.builtIn());

    @Test
    void analyzerCountsTokensEmotesAndCategories() {
        MessageFacts kekw = analyzer.analyze(msg("a", 10.2, "Alice", "KEKW KEKW"));
        assertThat(kekw.tokenCount()).isEqualTo(2);
        assertThat(kekw.emoteCount()).isEqualTo(2);
        assertThat(kekw.has(ChatLexicon.Category.LAUGHTER)).isTrue();
        assertThat(kekw.has(ChatLexicon.Category.EMOTE)).as("EMOTE is not a sentiment").isFalse();
        assertThat(kekw.chatterKey()).isEqualTo("alice");
        assertThat(kekw.second()).isEqualTo(10);

        // A platform (subscriber) emote unknown to the lexicon counts through the message's emote list.
        MessageFacts sub = analyzer.analyze(msgWithEmotes("b", 10.5, "bob", "hi streamHype there", "streamHype"));
        assertThat(sub.tokenCount()).isEqualTo(3);
        assertThat(sub.emoteCount()).isEqualTo(1);
        assertThat(sub.categoryMask()).as("no sentiment, a greeting").isEqualTo(ChatLexicon.Category.GREETING.bit());

        MessageFacts mixed = analyzer.analyze(msg("c", 10.7, "carol", "lmaooo that was insane PogChamp F"));
        assertThat(mixed.tokenCount()).isEqualTo(6);
        assertThat(mixed.emoteCount()).isEqualTo(1);
        assertThat(mixed.has(ChatLexicon.Category.LAUGHTER)).isTrue();
        assertThat(mixed.has(ChatLexicon.Category.HYPE)).isTrue();
        assertThat(mixed.has(ChatLexicon.Category.NEGATIVE)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> reaction {1}")
    @CsvSource(delimiter = '|', value = {
            "KEKW KEKW                                       | true",   // laughter emote
            "lmaooo                                          | true",   // laughter word
            "LETS GOOOO                                      | true",   // shouted
            "no way PogChamp                                 | true",   // hype
            "Sadge                                           | true",   // negative reacts too
            "!enter                                          | false",  // bot command
            "!giveaway PogChamp                              | false",  // a command even with hype in it
            "hello everyone HeyGuys                          | false",  // greeting
            "welcome raiders PogChamp                        | false",  // raid welcome with hype
            "what game is this                               | false",  // talk
            "KEKW this is the longest message i have ever typed here | false", // long: talk or copypasta
            "hello                                           | false"})
    void aMessageIsAReactionByItsContent(String text, boolean reaction) {
        MessageFacts m = analyzer.analyze(msg("id", 1.0, "someone", text.strip()));
        assertThat(m.isReaction(6)).isEqualTo(reaction);
    }

    @Test
    void negativeOffsetsCountInSecondZeroAndBitsAreNeverNegative() {
        MessageFacts early = analyzer.analyze(new ChatMessageView("x", -3.5, "id1", "", "hi", null, -5));
        assertThat(early.second()).isZero();
        assertThat(early.bits()).isZero();
        assertThat(early.chatterKey()).as("falls back to the user id").isEqualTo("id1");
    }

    @Test
    void secondFeaturesOnHandWrittenMessages() {
        SecondAccumulator second = new SecondAccumulator(10);
        List<ChatMessageView> messages = List.of(
                msg("m1", 10.1, "Alice", "KEKW KEKW"),                                   // 2 tokens, 2 emotes, laughter
                msg("m2", 10.2, "bob", "that was insane PogChamp"),                     // 4 tokens, 1 emote, hype
                msgWithEmotes("m3", 10.3, "alice", "Kappa 123", "Kappa"),               // 2 tokens, 1 emote
                msg("m4", 10.4, "carol", "F"),                                          // 1 token, negative
                new ChatMessageView("m5", 10.9, null, "dave", "hi streamHype",
                        List.of(new ChatMessageView.EmoteRef("streamHype", 3, 12)), 250)); // 2 tokens, 1 emote, bits
        for (ChatMessageView m : messages) {
            assertThat(second.add(analyzer.analyze(m))).isTrue();
        }
        ChatSecondFeatures f = second.features(m -> false, 6, m -> false);
        assertThat(f.second()).isEqualTo(10);
        assertThat(f.revision()).isEqualTo(1);
        assertThat(f.messageCount()).isEqualTo(5);
        assertThat(f.uniqueChatters()).as("Alice and alice are one chatter").isEqualTo(4);
        assertThat(f.tokenCount()).isEqualTo(11);
        assertThat(f.emoteCount()).isEqualTo(5);
        assertThat(f.emoteShare()).isCloseTo(5.0 / 11, within(1e-12));
        assertThat(f.laughter()).isEqualTo(0.2);
        assertThat(f.hype()).isEqualTo(0.2);
        assertThat(f.negative()).isEqualTo(0.2);
        assertThat(f.reactionShare()).as("KEKW, insane PogChamp and F react; Kappa and a greeting do not").isEqualTo(0.6);
        assertThat(f.repeatShare()).isZero();
        assertThat(f.bits()).isEqualTo(250);
        assertThat(f.activity()).isEqualTo(ChatActivity.UNSCORED);
    }

    @Test
    void duplicateIdsAreIgnoredByTheAccumulator() {
        SecondAccumulator second = new SecondAccumulator(3);
        MessageFacts m = analyzer.analyze(msg("same", 3.5, "a", "KEKW"));
        assertThat(second.add(m)).isTrue();
        assertThat(second.add(m)).isFalse();
        assertThat(second.add(analyzer.analyze(msg("same", 3.6, "b", "other text")))).isFalse();
        assertThat(second.messageCount()).isEqualTo(1);
        assertThat(second.contains("same")).isTrue();
        assertThat(second.features(x -> false, 6, x -> false).messageCount()).isEqualTo(1);
        assertThatThrownBy(() -> second.add(analyzer.analyze(msg("other", 4.0, "a", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptySecondHasZeroShares() {
        ChatSecondFeatures f = new SecondAccumulator(7).features(m -> true, 6, m -> false);
        assertThat(f.messageCount()).isZero();
        assertThat(f.emoteShare()).isZero();
        assertThat(f.repeatShare()).isZero();
        assertThat(f.laughter()).isZero();
    }

    @Test
    void repeatShareCountsCopypastaAfterItsFirstOccurrenceWhateverTheArrivalOrder() {
        List<MessageFacts> facts = List.of(
                analyzer.analyze(msg("a", 10.1, "u1", "KEKW")),
                analyzer.analyze(msg("b", 10.2, "u2", "kekw kekw")),          // repeats a
                analyzer.analyze(msg("c", 10.3, "u3", "LOOOL")),
                analyzer.analyze(msg("d", 10.4, "u4", "lol")),                // repeats c
                analyzer.analyze(msg("e", 10.5, "u5", "something else")),
                analyzer.analyze(msg("f", 10.6, "u1", "KEKW \uDB40\uDC00")));  // repeats a (invisible suffix)
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<MessageFacts> order = new ArrayList<>(facts);
            Collections.shuffle(order, random);
            RepeatIndex index = new RepeatIndex(30);
            SecondAccumulator second = new SecondAccumulator(10);
            for (MessageFacts m : order) {
                second.add(m);
                index.addOpen(m);
            }
            assertThat(facts.stream().filter(index::isRepeat).map(MessageFacts::messageId))
                    .containsExactlyInAnyOrder("b", "d", "f");
            assertThat(second.features(index::isRepeat, 6, m -> false).repeatShare()).isEqualTo(0.5);
        }
    }

    @Test
    void repeatWindowLooksBackWholeSecondsAcrossOpenAndClosedSeconds() {
        RepeatIndex index = new RepeatIndex(30);
        MessageFacts original = analyzer.analyze(msg("o", 5.9, "u1", "copypasta text"));
        MessageFacts inWindow = analyzer.analyze(msg("w", 35.0, "u2", "copypasta text"));
        MessageFacts outside = analyzer.analyze(msg("x", 36.0, "u3", "copypasta text"));
        index.addOpen(original);
        assertThat(index.isRepeat(original)).isFalse();
        assertThat(index.isRepeat(inWindow)).isTrue();
        assertThat(index.isRepeat(outside)).isFalse();

        index.close(5, List.of(original));       // second 5 became final
        assertThat(index.isRepeat(inWindow)).isTrue();
        assertThat(index.isRepeat(outside)).isFalse();
        index.evictClosedBefore(5);
        assertThat(index.isRepeat(inWindow)).as("second 5 is kept while >= the bound").isTrue();
        index.evictClosedBefore(6);
        assertThat(index.isRepeat(inWindow)).isFalse();
        assertThat(index.size()).isZero();
    }
}
