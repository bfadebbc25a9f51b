package dev.highlights.chat.features;

import dev.highlights.chat.ChatServiceConfig;
import static dev.highlights.chat.features.ChatFixtures.msg;
import static dev.highlights.chat.features.MessageOutcome.Disposition.ACCEPTED;
import static dev.highlights.chat.features.MessageOutcome.Disposition.AFTER_END;
import static dev.highlights.chat.features.MessageOutcome.Disposition.DUPLICATE;
import static dev.highlights.chat.features.MessageOutcome.Disposition.INVALID;
import static dev.highlights.chat.features.MessageOutcome.Disposition.LATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Emission, lateness, duplicates, end of chat, determinism and bounded memory of one VOD's state. */
class VodChatStateTest {

    private final ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

    private static List<Long> seconds(List<ChatSecondFeatures> features) {
        return features.stream().map(ChatSecondFeatures::second).toList();
    }

    private static List<Long> range(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    /** Every second 0..last exactly once as revision 1, in order; updates have strictly rising revisions. */
    static void assertEmissionContract(List<ChatSecondFeatures> emitted, long lastSecond) {
        assertThat(seconds(emitted.stream().filter(f -> f.revision() == 1).toList()))
                .isEqualTo(range(0, lastSecond));
        Map<Long, Integer> revision = new HashMap<>();
        for (ChatSecondFeatures f : emitted) {
            int previous = revision.getOrDefault(f.second(), 0);
            assertThat(f.revision()).as("revision of second %d", f.second()).isEqualTo(previous + 1);
            revision.put(f.second(), f.revision());
        }
    }

    @Test
    void everySecondIsEmittedOnceQuietOnesIncluded() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        assertThat(r.feed(msg("a", 3.2, "u1", "hi")).emitted()).extracting(ChatSecondFeatures::second)
                .containsExactly(0L, 1L, 2L);
        assertThat(r.feed(msg("b", 3.7, "u2", "hello")).emitted()).isEmpty();
        List<ChatSecondFeatures> afterSeven = r.feed(msg("c", 7.5, "u1", "yo")).emitted();
        assertThat(seconds(afterSeven)).containsExactly(3L, 4L, 5L, 6L);
        assertThat(afterSeven.get(0).messageCount()).isEqualTo(2);
        assertThat(afterSeven.get(0).uniqueChatters()).isEqualTo(2);
        r.feed(msg("d", 12.0, "u3", "sup"));
        EndOutcome end = r.end(15.0);
        assertThat(seconds(end.emitted())).containsExactly(12L, 13L, 14L, 15L);

        assertEmissionContract(r.emitted, 15);
        assertThat(r.firstVersions()).extracting(ChatSecondFeatures::messageCount)
                .containsExactly(0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0);
        assertThat(end.completion()).isEqualTo(new ChatCompletion(4, 0, 0, 0, 15));
        assertThat(end.completion().secondsEmitted()).isEqualTo(16);
    }

    @Test
    void lateWithinLatenessUpdatesTheSecondWithAHigherRevision() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        r.feed(msg("a", 1.5, "u1", "hi"));
        r.feed(msg("b", 12.0, "u2", "later"));                       // watermark 12: seconds 0..11 emitted
        MessageOutcome update = r.feed(msg("late1", 5.5, "u3", "KEKW"));   // 5.5 >= 12 - 10
        assertThat(update.disposition()).isEqualTo(ACCEPTED);
        assertThat(update.emitted()).singleElement().satisfies(f -> {
            assertThat(f.second()).isEqualTo(5);
            assertThat(f.revision()).isEqualTo(2);
            assertThat(f.messageCount()).isEqualTo(1);
            assertThat(f.laughter()).isEqualTo(1.0);
        });
        assertThat(r.feed(msg("late2", 5.9, "u4", "LUL")).emitted()).singleElement()
                .satisfies(f -> assertThat(f.revision()).isEqualTo(3));
        // Exactly at the boundary (offset == watermark - L) is still accepted.
        assertThat(r.feed(msg("edge", 2.0, "u5", "x")).emitted()).singleElement()
                .satisfies(f -> assertThat(f.second()).isEqualTo(2));
        assertThat(r.feed(msg("prev", 11.95, "u5", "x")).emitted()).singleElement()
                .satisfies(f -> assertThat(f.second()).isEqualTo(11));
        // In the current second (not emitted yet, the watermark is inside it): nothing to emit yet.
        assertThat(r.feed(msg("now", 12.5, "u5", "x")).emitted()).isEmpty();
        r.end(Double.NaN);
        assertEmissionContract(r.emitted, 12);
        assertThat(r.finalValues().get(5L).messageCount()).isEqualTo(2);
        assertThat(r.finalValues().get(12L).messageCount()).isEqualTo(2);
    }

    @Test
    void aLateOriginalUpdatesTheLaterSecondWhoseRepeatShareItChanges() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        r.feed(msg("copy", 8.5, "u1", "what a play"));
        r.feed(msg("next", 10.0, "u2", "unrelated"));
        assertThat(r.finalValues().get(8L).repeatShare()).isZero();
        MessageOutcome update = r.feed(msg("orig", 7.2, "u3", "WHAT A PLAAAY"));
        assertThat(update.emitted()).extracting(ChatSecondFeatures::second, ChatSecondFeatures::revision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 2), org.assertj.core.groups.Tuple.tuple(8L, 2));
        assertThat(update.emitted().get(0).repeatShare()).as("the original is not a repeat").isZero();
        assertThat(update.emitted().get(1).repeatShare()).isEqualTo(1.0);
        // A late message that changes nothing else only updates its own second.
        assertThat(r.feed(msg("solo", 3.3, "u4", "fresh text")).emitted()).extracting(ChatSecondFeatures::second)
                .containsExactly(3L);
    }

    @Test
    void tooLateIsCountedAndIgnored() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        r.feed(msg("a", 20.0, "u1", "hi"));
        MessageOutcome late = r.feed(msg("old", 9.99, "u2", "too late"));
        assertThat(late.disposition()).isEqualTo(LATE);
        assertThat(late.emitted()).isEmpty();
        assertThat(r.end(Double.NaN).completion()).isEqualTo(new ChatCompletion(1, 1, 0, 0, 20));
        assertThat(r.finalValues().get(9L).messageCount()).isZero();
    }

    @Test
    void duplicatesAreIgnoredAndCounted() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        r.feed(msg("a", 1.2, "u1", "hi"));
        assertThat(r.feed(msg("a", 1.2, "u1", "hi")).disposition()).isEqualTo(DUPLICATE);
        r.feed(msg("b", 5.0, "u1", "hey"));
        // Second 1 is emitted but still open: a replayed copy is a duplicate, not an update.
        MessageOutcome replay = r.feed(msg("a", 1.2, "u1", "hi"));
        assertThat(replay.disposition()).isEqualTo(DUPLICATE);
        assertThat(replay.emitted()).isEmpty();
        // Same id with another offset (a broken replay) is still the same message.
        assertThat(r.feed(msg("b", 4.0, "u1", "hey")).disposition()).isEqualTo(DUPLICATE);
        // Once second 1 is final, a replayed copy is below watermark - L and rejected as late.
        r.feed(msg("c", 30.0, "u1", "x"));
        assertThat(r.feed(msg("a", 1.2, "u1", "hi")).disposition()).isEqualTo(LATE);
        EndOutcome end = r.end(Double.NaN);
        assertThat(end.completion()).isEqualTo(new ChatCompletion(3, 1, 3, 0, 30));
        assertThat(r.finalValues().get(1L).messageCount()).isEqualTo(1);
        assertThat(r.finalValues().get(5L).messageCount()).isEqualTo(1);
        assertEmissionContract(r.emitted, 30);
    }

    @Test
    void endFlushesEverythingIsIdempotentAndRejectsLaterMessages() {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        r.feed(msg("a", 0.5, "u1", "hi"));
        r.feed(msg("b", 4.5, "u1", "hi"));
        r.feed(msg("c", 3.1, "u2", "late but fine"));
        EndOutcome end = r.end(2.0); // marker offset below the watermark: the watermark's second is the last
        assertThat(seconds(end.emitted())).containsExactly(4L);
        assertThat(end.completion().lastSecond()).isEqualTo(4);
        EndOutcome again = engine.onEnd(r.state, 100.0);
        assertThat(again.emitted()).isEmpty();
        assertThat(again.completion()).isEqualTo(end.completion());
        MessageOutcome after = r.feed(msg("d", 4.9, "u3", "after the end"));
        assertThat(after.disposition()).isEqualTo(AFTER_END);
        assertThat(engine.onEnd(r.state).completion().late()).isEqualTo(1);
        assertThat(r.state.isEnded()).isTrue();
        assertThat(r.state.openSeconds()).isZero();
        assertEmissionContract(r.emitted, 4);
    }

    @Test
    void endWithoutMessages() {
        ChatFixtures.Recorder quiet = new ChatFixtures.Recorder(engine);
        EndOutcome end = quiet.end(3.0);
        assertThat(seconds(end.emitted())).containsExactly(0L, 1L, 2L, 3L);
        assertThat(end.emitted()).allSatisfy(f -> assertThat(f.messageCount()).isZero());
        assertThat(engine.onEnd(engine.newVodState()).completion()).isEqualTo(new ChatCompletion(0, 0, 0, 0, -1));
    }

    @Test
    void invalidOffsetsAreRejected() {
        VodChatState state = engine.newVodState();
        assertThat(engine.onMessage(state, msg("n", Double.NaN, "u", "x")).disposition()).isEqualTo(INVALID);
        assertThat(engine.onMessage(state, msg("i", Double.POSITIVE_INFINITY, "u", "x")).disposition())
                .isEqualTo(INVALID);
        // Epoch milliseconds in the seconds field would otherwise emit billions of quiet seconds.
        assertThat(engine.onMessage(state, msg("ms", 1.7e12, "u", "x")).disposition()).isEqualTo(INVALID);
        assertThat(Double.isNaN(state.watermark())).isTrue();
        engine.onMessage(state, msg("ok", 2.5, "u", "x"));
        EndOutcome end = engine.onEnd(state, 1.7e12);
        assertThat(end.completion()).isEqualTo(new ChatCompletion(1, 0, 0, 3, 2));
        assertThat(end.emitted()).extracting(ChatSecondFeatures::second).containsExactly(2L);
    }

    @Test
    void anyArrivalOrderWithinLatenessGivesTheSameFinalValues() {
        List<ChatMessageView> vod = ChatFixtures.randomVod(42, "v", 0, 900);
        ChatFixtures.Recorder inOrder = new ChatFixtures.Recorder(engine).feedAll(vod);
        inOrder.end(905.0);
        assertEmissionContract(inOrder.emitted, 905);
        assertThat(inOrder.emitted).hasSize(906);
        assertThat(inOrder.finalValues().values()).anySatisfy(f -> assertThat(f.activity().level())
                .isEqualTo(ChatLevel.EXCEPTIONAL));
        assertThat(inOrder.finalValues().values()).anySatisfy(f -> assertThat(f.repeatShare()).isGreaterThan(0.3));

        for (long seed = 1; seed <= 5; seed++) {
            List<ChatMessageView> shuffled = new ArrayList<>(ChatFixtures.shuffleWithinLateness(vod, 10, seed));
            // Replays sprinkled in: the same message again a little later.
            for (int i = 0; i < shuffled.size(); i += 97) {
                shuffled.add(i + 3 < shuffled.size() ? i + 3 : i, shuffled.get(i));
            }
            ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine).feedAll(shuffled);
            EndOutcome end = r.end(905.0);
            assertThat(r.dispositions).doesNotContain(LATE);
            assertThat(end.completion().messages()).isEqualTo(vod.size());
            assertThat(end.completion().duplicates()).isPositive();
            assertEmissionContract(r.emitted, 905);
            assertThat(r.emitted.size()).as("shuffling produced updates").isGreaterThan(906);
            assertThat(r.finalValues()).isEqualTo(inOrder.finalValues());
        }
    }

    @Test
    void chattersNewToTheVodCountOnlyAfterTheHistoryAndWhateverTheArrivalOrder() {
        List<ChatMessageView> vod = new ArrayList<>();
        // Ten regulars, one message a second between them, for 400 s; then 20 raiders and two regulars in 400..405.
        for (int s = 0; s < 400; s++) {
            vod.add(ChatFixtures.msg("r" + s, s + 0.5, "regular" + (s % 10), "hello chat"));
        }
        for (int i = 0; i < 20; i++) {
            vod.add(ChatFixtures.msg("x" + i, 400 + i / 4 + 0.1, "raider" + i, "TwitchRaid TwitchRaid"));
        }
        vod.add(ChatFixtures.msg("y1", 401.7, "regular3", "welcome"));
        vod.add(ChatFixtures.msg("y2", 403.7, "regular4", "welcome raiders"));
        // At 30 s everyone is new to the VOD, but there is too little history for that to mean anything.
        vod.add(ChatFixtures.msg("early", 30.2, "stranger", "hi"));
        vod.sort(java.util.Comparator.comparingDouble(ChatMessageView::offsetSec));

        ChatFixtures.Recorder inOrder = new ChatFixtures.Recorder(engine).feedAll(vod);
        inOrder.end(410.0);
        Map<Long, ChatSecondFeatures> values = inOrder.finalValues();
        assertThat(values.get(30L).newcomerShare()).isZero();
        assertThat(values.get(400L).newcomerShare()).isEqualTo(1.0);
        assertThat(values.get(401L).newcomerShare()).as("four raiders and a regular").isEqualTo(0.8);
        assertThat(values.get(200L).newcomerShare()).isZero();

        ChatFixtures.Recorder shuffled = new ChatFixtures.Recorder(engine)
                .feedAll(ChatFixtures.shuffleWithinLateness(vod, 10, 3));
        shuffled.end(410.0);
        assertThat(shuffled.finalValues()).isEqualTo(values);
    }

    @Test
    void aTenHourVodKeepsBoundedState() {
        ChatFeatureConfig config = ChatServiceConfig.shipped().toFeatureConfig();
        ChatFeatureEngine e = new ChatFeatureEngine(config, ChatLexicon.builtIn());
        VodChatState state = e.newVodState();
        int maxOpen = 0;
        int maxIds = 0;
        int maxTexts = 0;
        int maxSnapshot = 0;
        long emitted = 0;
        int id = 0;
        for (int s = 0; s < 36_000; s++) {
            for (int i = 0; i < 3; i++) {
                String text = (i == 0 ? "KEKW" : "message number " + id);
                emitted += e.onMessage(state, msg("m" + id++, s + i * 0.3, "u" + (id % 500), text)).emitted().size();
            }
            maxOpen = Math.max(maxOpen, state.openSeconds());
            maxIds = Math.max(maxIds, state.trackedMessageIds());
            maxTexts = Math.max(maxTexts, state.trackedTexts());
            if (s % 3_600 == 1_799) {
                maxSnapshot = Math.max(maxSnapshot, state.toBytes().length);
            }
        }
        emitted += e.onEnd(state).emitted().size();
        assertThat(emitted).isEqualTo(36_000);
        int lateness = config.allowedLatenessSeconds();
        assertThat(maxOpen).isLessThanOrEqualTo(lateness + 2);
        assertThat(maxIds).isLessThanOrEqualTo(3 * (lateness + 2));
        // Open messages plus one closed text key per distinct text of the last repeat window.
        assertThat(maxTexts).isLessThanOrEqualTo(3 * (lateness + 2) + 2 * (config.repeatWindowSeconds() + 1) + 1);
        assertThat(maxSnapshot).as("snapshot bytes").isLessThan(8_000);
    }
}
