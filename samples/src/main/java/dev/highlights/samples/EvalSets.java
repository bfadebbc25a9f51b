package dev.highlights.samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The labelled evaluation sets of the detection rules, made by the sample generator and deterministic per seed:
 *
 * <ul>
 *   <li>{@link #tuning()}: twelve VODs of 10-60 min, 4 h in all, busy and small-community channels mixed, in the
 *       {@link Vocabulary#TUNING} vocabulary; the rules' defaults are chosen on it.</li>
 *   <li>{@link #heldOut()}: twelve other VODs, about 4 h, in the {@link Vocabulary#HELD_OUT} vocabulary (other
 *       emotes, commands, copypastas, raids, chatter names and chat lags) and other seeds; never tuned on.</li>
 *   <li>{@link #regression()}: two 5-minute VODs for the test suite, with highlights of two kinds and raids, a
 *       giveaway announced out loud, loud audio alone, a copypasta and a shaking camera.</li>
 * </ul>
 *
 * <p>Each tuning and held-out VOD deals its moments from a shuffled deck over every {@link MomentKind} the
 * evaluation covers (highlights of three kinds weighted up), so each kind comes back several times per set. Pictures
 * are 640x360 at {@value #FPS} fps: generating a 10-minute VOD took 45 s on one core of the 2-core development machine
 * (27 MB), so a set of 4 h takes about 18 min on one core, half that with two jobs, and about 650 MB.
 *
 * <p>Generate a set with {@code SampleVodMain --set tuning --dir .highlights/eval} (see {@link SampleVodMain}).
 */
public final class EvalSets {

    /** Frame rate of the evaluation VODs. */
    public static final int FPS = 30;
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;

    /** How many of each kind go into one round of the deck: highlights and plain chat rises come more often. */
    static final Map<MomentKind, Integer> DECK_ROUND;

    static {
        Map<MomentKind, Integer> round = new EnumMap<>(MomentKind.class);
        round.put(MomentKind.HYPE, 3);
        round.put(MomentKind.FUNNY_CONVERSATION, 2);
        round.put(MomentKind.TENSE_CLUTCH, 2);
        round.put(MomentKind.RAID, 1);
        round.put(MomentKind.RAID_GREETED, 1);
        round.put(MomentKind.GIVEAWAY, 1);
        round.put(MomentKind.GIVEAWAY_ANNOUNCED, 1);
        round.put(MomentKind.COPYPASTA, 1);
        round.put(MomentKind.COPYPASTA_LOUD, 1);
        round.put(MomentKind.DONATION_ALERT, 1);
        round.put(MomentKind.RAGE, 1);
        round.put(MomentKind.GAME_CROWD, 1);
        round.put(MomentKind.CAMERA_SHAKE, 1);
        round.put(MomentKind.FLASHES, 1);
        round.put(MomentKind.MENU_SCREENS, 1);
        round.put(MomentKind.DECOY_LOUD_MOTION, 1);
        round.put(MomentKind.DECOY_STATIC_SCREEN, 1);
        round.put(MomentKind.CHAT_FLUCTUATION, 2);
        round.put(MomentKind.QUIET, 1);
        DECK_ROUND = Collections.unmodifiableMap(round);
    }

    /** Calm seconds between two footprints in the big sets. */
    static final int MIN_GAP_SEC = 35;
    static final int MAX_GAP_SEC = 110;
    /** Calm seconds at least after the last footprint. */
    static final int TAIL_CALM_SEC = 20;

    private EvalSets() {
    }

    /** The set the rules are tuned on. */
    public static EvalSet tuning() {
        return dealt("tuning", "t", Vocabulary.TUNING, 0x7E57_0000L, new int[][] {
            {60, 0}, {40, 1}, {30, 0}, {20, 1}, {15, 0}, {12, 1}, {10, 0}, {10, 1}, {13, 0}, {10, 1}, {10, 0},
            {10, 1}});
    }

    /** The held-out set: never tuned on. */
    public static EvalSet heldOut() {
        return dealt("held-out", "h", Vocabulary.HELD_OUT, 0x4E1D_0000L, new int[][] {
            {50, 1}, {45, 0}, {30, 1}, {25, 0}, {18, 0}, {15, 1}, {12, 0}, {11, 1}, {10, 0}, {10, 1}, {10, 0},
            {10, 1}});
    }

    /** Two 5-minute VODs for the test suite (tuning vocabulary, other seeds). */
    public static EvalSet regression() {
        List<EvalSet.Vod> vods = new ArrayList<>();
        vods.add(fixed("r1-busy-5m", Community.BUSY, 0x4E60_0001L, List.of(MomentKind.HYPE, MomentKind.RAID,
                MomentKind.FUNNY_CONVERSATION, MomentKind.GIVEAWAY_ANNOUNCED, MomentKind.DONATION_ALERT)));
        vods.add(fixed("r2-small-5m", Community.SMALL, 0x4E60_0002L, List.of(MomentKind.TENSE_CLUTCH,
                MomentKind.RAID_GREETED, MomentKind.COPYPASTA, MomentKind.HYPE, MomentKind.CAMERA_SHAKE)));
        return new EvalSet("regression", vods);
    }

    /** The names {@link #byName} knows. */
    public static List<String> names() {
        return List.of("tuning", "held-out", "regression");
    }

    /** {@code tuning}, {@code held-out} (or {@code heldout}) or {@code regression}. */
    public static EvalSet byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tuning" -> tuning();
            case "held-out", "heldout", "held_out" -> heldOut();
            case "regression" -> regression();
            default -> throw new IllegalArgumentException("unknown set: " + name + " (" + String.join(", ", names())
                    + ")");
        };
    }

    /** VODs of {minutes, 0 busy / 1 small}, moments dealt from one shuffled deck across the whole set. */
    private static EvalSet dealt(String name, String prefix, Vocabulary vocabulary, long seedBase, int[][] layout) {
        SplittableRandom deckRnd = new SplittableRandom(seedBase);
        List<MomentKind> deck = new ArrayList<>();
        List<EvalSet.Vod> vods = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < layout.length; i++) {
            int durationSec = layout[i][0] * 60;
            Community community = layout[i][1] == 0 ? Community.BUSY : Community.SMALL;
            long seed = seedBase + i + 1;
            while (deck.size() - next < durationSec / 40) { // more than can fit in this VOD
                deck.addAll(shuffledRound(deckRnd));
            }
            MomentPlanner planner = new MomentPlanner(durationSec, vocabulary.words().lag(),
                    new SplittableRandom(seed * 31 + 7), MIN_GAP_SEC, MAX_GAP_SEC, TAIL_CALM_SEC);
            List<PlantedMoment> moments = planner.place(deck.subList(next, deck.size()));
            next += moments.size();
            String vodName = String.format(Locale.ROOT, "%s%02d-%s-%dm", prefix, i + 1, community.id(), layout[i][0]);
            vods.add(new EvalSet.Vod(vodName, new SampleSpec(durationSec, WIDTH, HEIGHT, FPS, seed, moments,
                    vocabulary, community)));
        }
        return new EvalSet(name, vods);
    }

    private static List<MomentKind> shuffledRound(SplittableRandom rnd) {
        List<MomentKind> round = new ArrayList<>();
        DECK_ROUND.forEach((kind, copies) -> {
            for (int c = 0; c < copies; c++) {
                round.add(kind);
            }
        });
        for (int i = round.size() - 1; i > 0; i--) { // Fisher-Yates with our own generator: same order everywhere
            Collections.swap(round, i, rnd.nextInt(i + 1));
        }
        return round;
    }

    private static EvalSet.Vod fixed(String name, Community community, long seed, List<MomentKind> kinds) {
        int durationSec = 300;
        MomentPlanner planner = new MomentPlanner(durationSec, Vocabulary.TUNING.words().lag(),
                new SplittableRandom(seed * 31 + 7), 24, 30, 10);
        List<PlantedMoment> moments = planner.place(kinds);
        if (moments.size() != kinds.size()) {
            throw new IllegalStateException(name + ": only " + moments.size() + " of " + kinds + " fit in 5 min");
        }
        return new EvalSet.Vod(name, new SampleSpec(durationSec, WIDTH, HEIGHT, FPS, seed, moments,
                Vocabulary.TUNING, community));
    }
}
