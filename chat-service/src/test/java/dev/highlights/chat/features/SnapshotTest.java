package dev.highlights.chat.features;

import dev.highlights.chat.ChatServiceConfig;
import static dev.highlights.chat.features.ChatFixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state store with a changelog holds the state as bytes: restoring anywhere must not change the output. */
class SnapshotTest {

    private final ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

    /** Arrival stream with shuffling, replays, too-late and invalid messages, so every code path is in the state. */
    private static List<ChatMessageView> messyStream() {
        List<ChatMessageView> vod = ChatFixtures.randomVod(7, "s", 0, 300);
        List<ChatMessageView> stream = new ArrayList<>(ChatFixtures.shuffleWithinLateness(vod, 10, 3));
        for (int i = 50; i < stream.size(); i += 41) {
            stream.add(i, stream.get(i - 7));                                      // replay
        }
        stream.add(stream.size() / 2, msg("too-late", 1.0, "x", "old"));            // rejected as late
        stream.add(stream.size() / 3, msg("nan", Double.NaN, "x", "broken"));      // invalid
        return stream;
    }

    private record Run(List<ChatSecondFeatures> emitted, ChatCompletion completion) {
    }

    private Run uninterrupted(List<ChatMessageView> stream) {
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine).feedAll(stream);
        r.end(300.0);
        return new Run(r.emitted, r.completion);
    }

    @Test
    void restoringAfterEveryMessageGivesIdenticalOutput() {
        List<ChatMessageView> stream = messyStream();
        Run expected = uninterrupted(stream);

        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
        for (ChatMessageView m : stream) {
            r.feed(m);
            byte[] bytes = r.state.toBytes();
            r.state = VodChatState.fromBytes(bytes);
            assertThat(r.state.toBytes()).as("re-encoding is stable").isEqualTo(bytes);
        }
        r.end(300.0);
        assertThat(r.emitted).isEqualTo(expected.emitted());
        assertThat(r.completion).isEqualTo(expected.completion());
        assertThat(expected.completion().late()).isEqualTo(1);
        assertThat(expected.completion().invalid()).isEqualTo(1);
        assertThat(expected.completion().duplicates()).isPositive();
    }

    @Test
    void restoringOnceMidVodGivesIdenticalOutput() {
        List<ChatMessageView> stream = messyStream();
        Run expected = uninterrupted(stream);
        for (int cut : new int[] {0, 1, stream.size() / 4, stream.size() / 2, stream.size() - 1}) {
            ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine);
            r.feedAll(stream.subList(0, cut));
            r.state = VodChatState.fromBytes(r.state.toBytes());
            r.feedAll(stream.subList(cut, stream.size()));
            r.end(300.0);
            assertThat(r.emitted).as("cut at %d", cut).isEqualTo(expected.emitted());
            assertThat(r.completion).isEqualTo(expected.completion());
        }
    }

    @Test
    void stateKeepsItsConfigurationAndEndedFlag() {
        ChatFeatureConfig custom = ChatServiceConfig.shipped().toFeatureConfig().toBuilder().baselineWindowSeconds(120).warmUpSeconds(30)
                .allowedLatenessSeconds(3).repeatWindowSeconds(5).highDeviations(1.5).exceptionalDeviations(3)
                .deviationFloor(0.75).includeQuietSeconds(false)
                .estimator(ChatFeatureConfig.Estimator.MEAN_STDDEV).maxOffsetSeconds(86_400).build();
        ChatFeatureEngine e = new ChatFeatureEngine(custom, ChatLexicon.builtIn());
        VodChatState state = e.newVodState();
        e.onMessage(state, msg("a", 2.5, "u", "hi"));
        VodChatState restored = VodChatState.fromBytes(state.toBytes());
        assertThat(restored.config()).isEqualTo(custom);
        assertThat(restored.watermark()).isEqualTo(2.5);
        assertThat(restored.nextSecondToEmit()).isEqualTo(2);

        e.onEnd(state, 9.0);
        VodChatState ended = VodChatState.fromBytes(state.toBytes());
        assertThat(ended.isEnded()).isTrue();
        assertThat(ended.completion()).isEqualTo(new ChatCompletion(1, 0, 0, 0, 9));
        // The engine's configuration applies to new states only: a restored state keeps its own.
        assertThat(ChatServiceConfig.shipped().featureEngine().onEnd(ended).completion().lastSecond()).isEqualTo(9);
    }

    @Test
    void corruptSnapshotsAreRejected() {
        VodChatState state = engine.newVodState();
        engine.onMessage(state, msg("a", 12.5, "u", "hello there"));
        byte[] bytes = state.toBytes();
        assertThatThrownBy(() -> VodChatState.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 99;
        assertThatThrownBy(() -> VodChatState.fromBytes(wrongVersion)).hasMessageContaining("version");
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> VodChatState.fromBytes(trailing)).hasMessageContaining("trailing");
    }
}
