package dev.highlights.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation sets meet issue 19's numbers; no media are generated here. */
class EvalSetsTest {

    private static final EvalSet TUNING = EvalSets.tuning();
    private static final EvalSet HELD_OUT = EvalSets.heldOut();

    @Test
    void bigSetsHaveTenOrMoreVodsOfTenMinutesToAnHourAboutFourHoursInAllBusyAndSmallMixed() {
        for (EvalSet set : List.of(TUNING, HELD_OUT)) {
            assertThat(set.vods()).as(set.name()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(set.totalSec() / 3600.0).as(set.name() + " hours").isBetween(3.8, 4.3);
            for (EvalSet.Vod vod : set.vods()) {
                SampleSpec spec = vod.spec();
                assertThat(spec.durationSec()).as(vod.name()).isBetween(600, 3600);
                assertThat(spec.width()).isEqualTo(640);
                assertThat(spec.height()).isEqualTo(360);
                assertThat(spec.fps()).isBetween(15, 30);
                assertThat(vod.name()).contains(spec.community().id());
            }
            Map<Community, Long> byCommunity = set.vods().stream()
                    .collect(Collectors.groupingBy(v -> v.spec().community(), Collectors.counting()));
            assertThat(byCommunity.get(Community.BUSY)).as(set.name() + " busy VODs").isGreaterThanOrEqualTo(4);
            assertThat(byCommunity.get(Community.SMALL)).as(set.name() + " small VODs").isGreaterThanOrEqualTo(4);
        }
        assertThat(TUNING.vods()).allSatisfy(v -> assertThat(v.spec().vocabulary()).isEqualTo(Vocabulary.TUNING));
        assertThat(HELD_OUT.vods()).allSatisfy(v -> assertThat(v.spec().vocabulary()).isEqualTo(Vocabulary.HELD_OUT));
    }

    @Test
    void everyKindOfMomentComesBackSeveralTimesPerSet() {
        Set<MomentKind> covered = EvalSets.DECK_ROUND.keySet();
        assertThat(covered).contains(MomentKind.HYPE, MomentKind.FUNNY_CONVERSATION, MomentKind.TENSE_CLUTCH,
                MomentKind.RAID, MomentKind.RAID_GREETED, MomentKind.GIVEAWAY, MomentKind.GIVEAWAY_ANNOUNCED,
                MomentKind.COPYPASTA, MomentKind.COPYPASTA_LOUD, MomentKind.DONATION_ALERT, MomentKind.RAGE,
                MomentKind.GAME_CROWD, MomentKind.CAMERA_SHAKE, MomentKind.FLASHES, MomentKind.MENU_SCREENS,
                MomentKind.DECOY_STATIC_SCREEN, MomentKind.CHAT_FLUCTUATION);
        for (EvalSet set : List.of(TUNING, HELD_OUT)) {
            Map<MomentKind, Integer> counts = new EnumMap<>(MomentKind.class);
            set.moments().forEach(m -> counts.merge(m.kind(), 1, Integer::sum));
            for (MomentKind kind : covered) {
                assertThat(counts.getOrDefault(kind, 0)).as(set.name() + " " + kind).isGreaterThanOrEqualTo(4);
            }
            long highlights = set.moments().stream().filter(PlantedMoment::expectHighlight).count();
            assertThat(highlights).as(set.name() + " highlights").isBetween(30L, 60L);
            Set<String> labels = set.moments().stream().map(PlantedMoment::label).collect(Collectors.toSet());
            assertThat(labels).contains("highlight", "raid", "giveaway", "copypasta", "loud_audio", "visual_only",
                    "static_screen", "chat_fluctuation", "quiet");
        }
    }

    @Test
    void momentsLeaveALeadInAndCalmBetweenThemInMediaAndChat() {
        for (EvalSet set : Stream.of(TUNING, HELD_OUT, EvalSets.regression()).toList()) {
            int minGap = set == TUNING || set == HELD_OUT ? EvalSets.MIN_GAP_SEC : 20;
            for (EvalSet.Vod vod : set.vods()) {
                List<PlantedMoment> moments = vod.spec().moments();
                assertThat(moments).as(vod.name()).isNotEmpty();
                assertThat(moments.get(0).firstSec()).as(vod.name() + " lead-in").isGreaterThanOrEqualTo(60);
                for (int i = 1; i < moments.size(); i++) {
                    int calm = moments.get(i).firstSec() - moments.get(i - 1).lastSecExclusive();
                    assertThat(calm).as(vod.name() + " calm before moment " + i).isGreaterThanOrEqualTo(minGap);
                }
                PlantedMoment last = moments.get(moments.size() - 1);
                assertThat(last.lastSecExclusive()).isLessThanOrEqualTo(vod.spec().durationSec() - 10);
            }
        }
    }

    @Test
    void chatLagsRunFromTwoToFourteenSecondsDriftWithinAVodAndDifferBetweenTheSets() {
        for (EvalSet set : List.of(TUNING, HELD_OUT)) {
            List<Double> lags = new ArrayList<>();
            for (PlantedMoment m : set.moments()) {
                if (m.kind().chatReacts()) {
                    assertThat(m.chatLagSec()).as("a reaction's lag").isNotNull();
                    assertThat(m.chatStartSec()).isEqualTo((int) Math.floor(m.startSec() + m.chatLagSec() + 1e-9));
                    lags.add(m.chatLagSec());
                } else {
                    assertThat(m.chatLagSec()).as(m.kind() + " has no reaction").isNull();
                }
            }
            assertThat(lags).as(set.name()).allSatisfy(l -> assertThat(l).isBetween(2.0, 14.0));
            assertThat(lags.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isLessThanOrEqualTo(3.5);
            assertThat(lags.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThanOrEqualTo(11.0);
            // within one VOD the lag moves (drift, a stream-delay change, jitter): not one constant
            long varying = set.vods().stream().filter(v -> v.spec().moments().stream()
                    .filter(m -> m.chatLagSec() != null).map(PlantedMoment::chatLagSec).distinct().count() > 1).count();
            assertThat(varying).as(set.name() + " VODs whose lags vary").isGreaterThanOrEqualTo(8);
        }
        assertThat(Vocabulary.TUNING.words().lag()).isNotEqualTo(Vocabulary.HELD_OUT.words().lag());
    }

    @Test
    void setsAreDeterministicAndUseDifferentSeeds() {
        assertThat(EvalSets.tuning()).isEqualTo(TUNING);
        assertThat(EvalSets.heldOut()).isEqualTo(HELD_OUT);
        assertThat(EvalSets.byName("held-out")).isEqualTo(HELD_OUT);
        Set<Long> seeds = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (EvalSet set : List.of(TUNING, HELD_OUT, EvalSets.regression())) {
            for (EvalSet.Vod vod : set.vods()) {
                assertThat(seeds.add(vod.spec().seed())).as("seed of " + vod.name()).isTrue();
                assertThat(names.add(vod.name())).as("name " + vod.name()).isTrue();
            }
        }
        assertThatThrownBy(() -> EvalSets.byName("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regressionSetIsTwoOrThreeShortVodsWithHighlightsOfTwoKindsAndTheHardNonHighlights() {
        EvalSet reg = EvalSets.regression();
        assertThat(reg.vods()).hasSizeBetween(2, 3);
        for (EvalSet.Vod vod : reg.vods()) {
            assertThat(vod.spec().durationSec()).isLessThanOrEqualTo(300);
            assertThat(vod.spec().width()).isEqualTo(640);
            assertThat(vod.spec().height()).isEqualTo(360);
        }
        List<PlantedMoment> all = reg.moments();
        assertThat(all.stream().filter(PlantedMoment::expectHighlight).map(PlantedMoment::kind).distinct().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(all.stream().filter(m -> !m.expectHighlight()).count()).isGreaterThanOrEqualTo(3);
        assertThat(all).extracting(PlantedMoment::kind).contains(MomentKind.RAID, MomentKind.GIVEAWAY_ANNOUNCED,
                MomentKind.DONATION_ALERT);
    }

    @Test
    void theTwoVocabulariesShareNoEmoteCommandCopypastaRaidEmoteGreetingOrName() {
        ChatVocabulary a = Vocabulary.TUNING.words();
        ChatVocabulary b = Vocabulary.HELD_OUT.words();
        assertDisjoint("reaction tokens", a.reactionTokens(), b.reactionTokens());
        assertDisjoint("commands", a.commands(), b.commands());
        assertDisjoint("copypastas", a.copypastas(), b.copypastas());
        assertDisjoint("raid emotes", a.raidEmotes(), b.raidEmotes());
        assertDisjoint("raid greetings", a.raidGreetings(), b.raidGreetings());
        assertDisjoint("raiding channels", a.raidingChannels(), b.raidingChannels());
        assertDisjoint("name parts", union(a.nameFirstParts(), a.nameSecondParts()),
                union(b.nameFirstParts(), b.nameSecondParts()));
        assertDisjoint("calm lines", a.calmLines(), b.calmLines());
        assertDisjoint("emotes against the other's raid emotes", union(a.reactionTokens(), a.raidEmotes()),
                union(b.reactionTokens(), b.raidEmotes()));
        // the chatters of a whole VOD of each set: no login in common
        Set<String> tuningLogins = logins(TUNING.vods().get(0).spec());
        Set<String> heldOutLogins = logins(HELD_OUT.vods().get(1).spec());
        assertThat(tuningLogins).hasSizeGreaterThan(300);
        assertDisjoint("chatters", tuningLogins, heldOutLogins);
        assertThat(a.commands()).contains("!enter", "!giveaway");
        assertThat(a.hypeEmotes()).contains("PogChamp", "Pog");
        assertThat(a.laughEmotes()).contains("KEKW", "LUL");
        assertThat(b.hypeEmotes()).contains("PogU", "Kreygasm", "EZ", "Clap");
        assertThat(b.laughEmotes()).contains("OMEGALUL", "LULW");
    }

    @Test
    void mainListsASetWithoutGeneratingIt(@TempDir Path dir) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(SampleVodMain.run(new String[] {"--set", "regression", "--dir", dir.toString(), "--list"}))
                    .isZero();
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("set regression: 2 VODs", "r1-busy-5m", "tuning/busy", "RAID", "raid",
                "GIVEAWAY_ANNOUNCED", "lag ");
        assertThat(dir).isEmptyDirectory();
        assertThat(SampleVodMain.run(new String[] {"--set", "nope", "--dir", dir.toString()})).isEqualTo(2);
        assertThat(SampleVodMain.run(new String[] {"--set", "tuning"})).as("no --dir").isEqualTo(2);
        assertThat(SampleVodMain.run(new String[] {"--set", "tuning", "--dir", dir.toString(), "--vod", "x"}))
                .isEqualTo(2);
    }

    private static Set<String> logins(SampleSpec spec) {
        return SampleChat.comments(spec).stream().map(SampleChat.Comment::login).collect(Collectors.toSet());
    }

    private static Set<String> union(Collection<String> x, Collection<String> y) {
        Set<String> out = new HashSet<>(x);
        out.addAll(y);
        return out;
    }

    private static void assertDisjoint(String what, Collection<String> x, Collection<String> y) {
        Set<String> lower = x.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> common = y.stream().filter(s -> lower.contains(s.toLowerCase(Locale.ROOT))).toList();
        assertThat(common).as(what + " in both vocabularies").isEmpty();
    }
}
