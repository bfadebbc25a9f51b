package dev.highlights.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.highlights.samples.SampleChat.Comment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat of evaluation VODs has the planted structure; chat only, no media. */
class CommunityChatTest {

    static final List<PlantedMoment> MOMENTS = List.of(
            PlantedMoment.reaction(MomentKind.HYPE, 100, 118, 6.3, 5),
            PlantedMoment.chatOnly(MomentKind.RAID, 170, 190),
            PlantedMoment.withBurst(MomentKind.GIVEAWAY_ANNOUNCED, 230, 240, 236, 260),
            PlantedMoment.chatOnly(MomentKind.COPYPASTA, 300, 314),
            PlantedMoment.reaction(MomentKind.FUNNY_CONVERSATION, 350, 365, 4.0, 4),
            PlantedMoment.chatOnly(MomentKind.CHAT_FLUCTUATION, 400, 408),
            PlantedMoment.staticScreen(420, 450));
    static final SampleSpec BUSY = new SampleSpec(480, 320, 180, 30, 11L, MOMENTS, Vocabulary.TUNING,
            Community.BUSY);
    static final SampleSpec SMALL = new SampleSpec(480, 320, 180, 30, 12L, MOMENTS, Vocabulary.HELD_OUT,
            Community.SMALL);

    @Test
    void sameSpecGivesTheSameChatBytesAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        SampleChat.write(BUSY, SampleChat.comments(BUSY), a);
        SampleChat.write(BUSY, SampleChat.comments(BUSY), b);
        SampleSpec other = BUSY.withSeed(99L);
        SampleChat.write(other, SampleChat.comments(other), c);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
    }

    @Test
    void raidChattersWereNeverSeenBeforeTheRaidAndBringTheRaidEmoteAndGreetings() {
        for (SampleSpec spec : List.of(BUSY, SMALL)) {
            ChatVocabulary words = spec.vocabulary().words();
            PlantedMoment raid = moment(spec, MomentKind.RAID);
            List<Comment> all = SampleChat.comments(spec);
            Set<String> seenBefore = all.stream().filter(c -> c.offsetSec() < raid.chatStartSec())
                    .map(Comment::commenterId).collect(Collectors.toSet());
            List<Comment> burst = within(all, raid.chatStartSec(), raid.chatEndSec());
            List<Comment> raidMessages = burst.stream().filter(c -> words.raidEmotes().stream()
                    .anyMatch(e -> c.body().contains(e)) || words.raidGreetings().stream()
                    .anyMatch(g -> c.body().contains(g))).toList();
            assertThat(raidMessages.size()).as(spec.community() + " raid messages")
                    .isGreaterThan(burst.size() * 3 / 4);
            assertThat(raidMessages).allSatisfy(c -> assertThat(seenBefore).doesNotContain(c.commenterId()));
            Set<String> authors = raidMessages.stream().map(Comment::commenterId).collect(Collectors.toSet());
            assertThat(authors.size()).as("distinct raiders").isGreaterThan(raidMessages.size() / 2);
            assertThat(raidMessages.stream().filter(c -> words.raidEmotes().contains(c.body().split(" ")[0])).count())
                    .as("messages opening with the raid emote").isGreaterThan(raidMessages.size() / 4);
        }
    }

    @Test
    void aCopypastaWaveIsOneLongMessageRepeatedByManyDistinctChatters() {
        for (SampleSpec spec : List.of(BUSY, SMALL)) {
            PlantedMoment wave = moment(spec, MomentKind.COPYPASTA);
            List<Comment> burst = within(SampleChat.comments(spec), wave.chatStartSec(), wave.chatEndSec());
            Map<String, List<Comment>> byBody = burst.stream().collect(Collectors.groupingBy(Comment::body));
            Map.Entry<String, List<Comment>> top = byBody.entrySet().stream()
                    .max((x, y) -> Integer.compare(x.getValue().size(), y.getValue().size())).orElseThrow();
            assertThat(spec.vocabulary().words().copypastas()).contains(top.getKey());
            assertThat(top.getKey().length()).isGreaterThan(100);
            assertThat(top.getValue().size()).isGreaterThan(burst.size() * 6 / 10);
            long chatters = top.getValue().stream().map(Comment::commenterId).distinct().count();
            assertThat(chatters).as(spec.community() + " distinct chatters repeating it")
                    .isGreaterThanOrEqualTo(spec.community() == Community.BUSY ? 60 : 10);
        }
    }

    @Test
    void commandSpamStartsWithTheCommand() {
        for (SampleSpec spec : List.of(BUSY, SMALL)) {
            List<String> commands = spec.vocabulary().words().commands();
            PlantedMoment giveaway = moment(spec, MomentKind.GIVEAWAY_ANNOUNCED);
            List<Comment> burst = within(SampleChat.comments(spec), giveaway.chatStartSec(), giveaway.chatEndSec());
            long spam = burst.stream().filter(c -> commands.contains(c.body().split(" ")[0])).count();
            assertThat(spam).as(spec.community() + " command messages of " + burst.size())
                    .isGreaterThan(burst.size() * 3 / 4);
            assertThat(burst.stream().filter(c -> c.body().startsWith(commands.get(0))).count())
                    .as("the usual command").isGreaterThan(burst.size() / 2);
        }
    }

    @Test
    void reactionsAreRichInTheVocabularysReactionTokensAndStartAtTheirLag() {
        for (SampleSpec spec : List.of(BUSY, SMALL)) {
            ChatVocabulary words = spec.vocabulary().words();
            List<Comment> all = SampleChat.comments(spec);
            for (MomentKind kind : List.of(MomentKind.HYPE, MomentKind.FUNNY_CONVERSATION)) {
                PlantedMoment m = moment(spec, kind);
                double onset = m.startSec() + m.chatLagSec();
                int bodyEnd = (int) Math.ceil(m.endSec() + m.chatLagSec());
                List<Comment> body = within(all, m.chatStartSec(), bodyEnd);
                long reacting = body.stream().filter(c -> isReaction(words, c.body())).count();
                assertThat(reacting).as(spec.community() + " " + kind + " reaction messages of " + body.size())
                        .isGreaterThan(body.size() * 7 / 10);
                long laughing = body.stream().filter(c -> containsAny(c.body(), words.laughEmotes())
                        || containsAny(c.body(), words.laughWords())).count();
                if (kind == MomentKind.FUNNY_CONVERSATION) {
                    assertThat(laughing).as("a funny moment's chat laughs").isGreaterThan(body.size() / 2);
                } else {
                    assertThat(laughing).as("a hype moment's chat hypes").isLessThan(body.size() / 4);
                }
                assertThat(body).allSatisfy(c -> assertThat(c.offsetSec()).isGreaterThanOrEqualTo(onset));
                assertThat(within(all, m.startSec() - 30, (int) Math.floor(onset)).stream()
                        .filter(c -> isReaction(words, c.body()))).as("no reaction before the lag").isEmpty();
            }
        }
    }

    @Test
    void ratesFollowTheCommunity() {
        assertRates(BUSY, 1.0, 3.0, 15, 40, 5, 8);
        assertRates(SMALL, 0.1, 0.5, 3, 9, 1, 3);
    }

    private static void assertRates(SampleSpec spec, double calmMin, double calmMax, int burstMin, int burstMax,
                                    int riseMin, int riseMax) {
        int[] counts = SampleChat.perSecondCounts(SampleChat.comments(spec), spec.durationSec());
        double calm = 0;
        int calmSeconds = 0;
        for (int s = 0; s < spec.durationSec(); s++) {
            if (spec.chatBurstAt(s) == null && spec.momentAt(s) == null) {
                calm += counts[s];
                calmSeconds++;
            }
        }
        assertThat(calm / calmSeconds).as(spec.community() + " calm rate").isBetween(calmMin, calmMax);
        for (PlantedMoment m : spec.moments()) {
            if (m.kind().chatReacts()) {
                int bodyEnd = (int) Math.ceil(m.endSec() + m.chatLagSec());
                for (int s = m.chatStartSec() + 1; s < bodyEnd; s++) {
                    assertThat(counts[s]).as(m.kind() + " second " + s).isBetween(burstMin, burstMax);
                }
            } else if (m.kind() == MomentKind.RAID || m.kind() == MomentKind.COPYPASTA
                    || m.kind() == MomentKind.GIVEAWAY_ANNOUNCED) {
                for (int s = m.chatStartSec() + 1; s < m.chatEndSec() - 3; s++) {
                    assertThat(counts[s]).as(m.kind() + " second " + s).isBetween(burstMin, burstMax);
                }
            } else if (m.kind() == MomentKind.CHAT_FLUCTUATION) {
                for (int s = m.chatStartSec(); s < m.chatEndSec(); s++) {
                    assertThat(counts[s]).as("rise second " + s).isBetween(riseMin, riseMax);
                }
            }
        }
    }

    @Test
    void aSmallCommunityIsSixtyToAHundredAndFiftyRegularsWhoKeepTheirNames() {
        SampleSpec hour = new SampleSpec(3600, 320, 180, 30, 13L, List.of(), Vocabulary.HELD_OUT, Community.SMALL);
        List<Comment> all = SampleChat.comments(hour);
        assertThat(all.size() / 3600.0).as("messages a second").isBetween(0.1, 0.5);
        long chatters = all.stream().map(Comment::commenterId).distinct().count();
        assertThat(chatters).isBetween(50L, 160L);
        Map<String, String> loginById = new HashMap<>();
        for (Comment c : all) {
            assertThat(loginById.computeIfAbsent(c.commenterId(), id -> c.login())).isEqualTo(c.login());
            assertThat(c.login()).matches("[a-z0-9_]+").isEqualTo(c.displayName().toLowerCase());
        }
        assertThat(new HashSet<>(loginById.values())).hasSize(loginById.size()); // one id per login
    }

    @Test
    void firstPartyEmotesAreFragmentsAndFragmentsJoinToTheBody() {
        ChatVocabulary words = Vocabulary.TUNING.words();
        List<Comment> all = SampleChat.comments(BUSY);
        for (Comment c : all) {
            assertThat(c.fragments().stream().map(SampleChat.Fragment::text).collect(Collectors.joining()))
                    .isEqualTo(c.body());
            assertThat(c.offsetSec() - Math.floor(c.offsetSec())).isBetween(0.0005, 0.9995);
        }
        assertThat(all.stream().flatMap(c -> c.fragments().stream()).filter(f -> f.emoteId() != null)
                .map(SampleChat.Fragment::text).collect(Collectors.toSet()))
                .contains("PogChamp", "LUL", "TwitchRaid").isSubsetOf(words.twitchEmoteIds().keySet());
        assertThat(Arrays.stream(SampleChat.perSecondCounts(all, 480)).sum()).isEqualTo(all.size());
    }

    @Test
    void theDemoVocabularyKnowsOnlyTheDemosKinds() {
        assertThatThrownBy(() -> new SampleSpec(120, 320, 180, 30, 1L,
                List.of(PlantedMoment.chatOnly(MomentKind.RAID, 60, 80))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RAID");
        assertThatThrownBy(() -> SampleSpec.defaults().withChat(Vocabulary.DEMO, Community.SMALL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean isReaction(ChatVocabulary words, String body) {
        return containsAny(body, words.hypeEmotes()) || containsAny(body, words.laughEmotes())
                || containsAny(body, words.hypeWords()) || containsAny(body, words.laughWords());
    }

    private static boolean containsAny(String body, List<String> tokens) {
        Set<String> wordsOfBody = new HashSet<>(Arrays.asList(body.split(" ")));
        return tokens.stream().anyMatch(t -> t.contains(" ") ? body.contains(t)
                : wordsOfBody.stream().anyMatch(w -> w.equals(t) || w.startsWith(t) && w.substring(t.length())
                        .chars().allMatch(ch -> ch == '!' || ch == t.charAt(t.length() - 1))));
    }

    private static PlantedMoment moment(SampleSpec spec, MomentKind kind) {
        return spec.moments().stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    private static List<Comment> within(List<Comment> all, int fromSec, int toSec) {
        return all.stream().filter(c -> c.offsetSec() >= fromSec && c.offsetSec() < toSec).toList();
    }
}
