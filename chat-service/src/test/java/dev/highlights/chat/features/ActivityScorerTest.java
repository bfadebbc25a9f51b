package dev.highlights.chat.features;

import dev.highlights.chat.ChatServiceConfig;
import static dev.highlights.chat.features.ChatFixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityScorerTest {

    private final ActivityScorer scorer = new ActivityScorer(ChatServiceConfig.shipped().toFeatureConfig());
    private final BaselineStats warm = new BaselineStats(2.0, 2.0, 600, 600);

    @Test
    void levelsAtTwoAndTwoAndAHalfDeviations() {
        assertThat(scorer.score(5, warm)).satisfies(a -> {
            assertThat(a.deviations()).isEqualTo(1.5);
            assertThat(a.level()).isEqualTo(ChatLevel.NONE);
            assertThat(a.levelPoints()).isZero();
            assertThat(a.score()).isCloseTo(0.6, within(1e-12));
        });
        assertThat(scorer.score(6, warm)).satisfies(a -> {
            assertThat(a.deviations()).isEqualTo(2.0);
            assertThat(a.level()).isEqualTo(ChatLevel.HIGH);
            assertThat(a.levelPoints()).isEqualTo(2);
            assertThat(a.score()).isCloseTo(0.8, within(1e-12));
        });
        assertThat(scorer.score(7, warm)).satisfies(a -> {
            assertThat(a.level()).isEqualTo(ChatLevel.EXCEPTIONAL);
            assertThat(a.levelPoints()).isEqualTo(3);
            assertThat(a.score()).isEqualTo(1.0);
        });
        assertThat(scorer.score(50, warm).score()).isEqualTo(1.0);
        assertThat(scorer.score(0, warm).score()).isZero();
        assertThat(scorer.score(0, warm).deviations()).isEqualTo(-1.0);
        assertThat(scorer.score(6, warm).baselineMedian()).isEqualTo(2.0);
        assertThat(scorer.score(6, warm).baselineDeviation()).isEqualTo(2.0);
    }

    @Test
    void deviationFloorKeepsASilentChatFromPeakingOnEveryMessage() {
        BaselineStats silent = new BaselineStats(0, 0, 600, 600);
        assertThat(scorer.score(1, silent).level()).isEqualTo(ChatLevel.NONE);
        assertThat(scorer.score(2, silent).level()).isEqualTo(ChatLevel.NONE);
        assertThat(scorer.score(3, silent).level()).isEqualTo(ChatLevel.HIGH);
        assertThat(scorer.score(4, silent).level()).isEqualTo(ChatLevel.EXCEPTIONAL);
        assertThat(scorer.score(3, silent).baselineDeviation()).isEqualTo(1.5);
    }

    @Test
    void warmUpComputesTheDeviationButCallsNoPeak() {
        BaselineStats early = new BaselineStats(1.0, 0.5, 29, 29);
        ChatActivity a = scorer.score(40, early);
        assertThat(a.warmUp()).isTrue();
        assertThat(a.deviations()).isEqualTo(26.0);
        assertThat(a.level()).isEqualTo(ChatLevel.NONE);
        assertThat(a.score()).isZero();
        assertThat(scorer.score(40, new BaselineStats(1.0, 0.5, 30, 30)).level()).isEqualTo(ChatLevel.EXCEPTIONAL);
    }

    @Test
    void thresholdsAreConfigurable() {
        ActivityScorer strict = new ActivityScorer(ChatServiceConfig.shipped().toFeatureConfig().toBuilder()
                .highDeviations(3).exceptionalDeviations(4).deviationFloor(1).build());
        BaselineStats stats = new BaselineStats(0, 1, 600, 600);
        assertThat(strict.score(2, stats).level()).isEqualTo(ChatLevel.NONE);
        assertThat(strict.score(3, stats).level()).isEqualTo(ChatLevel.HIGH);
        assertThat(strict.score(4, stats).level()).isEqualTo(ChatLevel.EXCEPTIONAL);
        assertThat(strict.score(2, stats).score()).isEqualTo(0.5);
    }

    @Test
    void estimatorSwitchUsesMeanAndStandardDeviation() {
        RollingBaseline b = new RollingBaseline(10, true);
        for (int v : new int[] {0, 0, 0, 0, 10}) {
            b.push(v);
        }
        BaselineStats robust = new ActivityScorer(ChatServiceConfig.shipped().toFeatureConfig()).stats(b);
        assertThat(robust.center()).isZero();
        assertThat(robust.spread()).isZero();
        BaselineStats classic = new ActivityScorer(ChatServiceConfig.shipped().toFeatureConfig().toBuilder()
                .estimator(ChatFeatureConfig.Estimator.MEAN_STDDEV).build()).stats(b);
        assertThat(classic.center()).isEqualTo(2.0);
        assertThat(classic.spread()).isCloseTo(4.0, within(1e-12));
        assertThat(classic.secondsInWindow()).isEqualTo(5);
    }

    @Test
    void robustSpreadNeverFallsBelowPoissonNoise() {
        RollingBaseline b = new RollingBaseline(10, true);
        for (int i = 0; i < 10; i++) {
            b.push(9);
        }
        BaselineStats stats = scorer.stats(b);
        assertThat(stats.center()).isEqualTo(9.0);
        assertThat(stats.spread()).as("MAD is 0, sqrt(9) is 3").isEqualTo(3.0);
        BaselineStats warmedUp = new BaselineStats(stats.center(), stats.spread(), 600, 600);
        assertThat(scorer.score(15, warmedUp).level()).isEqualTo(ChatLevel.HIGH);
        assertThat(scorer.score(14, warmedUp).level()).isEqualTo(ChatLevel.NONE);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> ChatServiceConfig.shipped().toFeatureConfig().toBuilder().warmUpSeconds(700).build())
                .hasMessageContaining("warmUpSeconds");
        assertThatThrownBy(() -> ChatServiceConfig.shipped().toFeatureConfig().toBuilder().exceptionalDeviations(1.5).build())
                .hasMessageContaining("exceptionalDeviations");
        assertThatThrownBy(() -> ChatServiceConfig.shipped().toFeatureConfig().toBuilder().deviationFloor(0).build())
                .hasMessageContaining("deviationFloor");
        assertThat(ChatServiceConfig.shipped().toFeatureConfig().toBuilder().build()).isEqualTo(ChatServiceConfig.shipped().toFeatureConfig());
    }

    @Test
    void firstSecondsOfAVodAreWarmUpAndTheSameBurstLaterIsAPeak() {
        // Warm-up: second s is scored against seconds [s - L - W, s - L - 1], so it holds s - L seconds and the
        // shipped 30 s warm-up (L = 10) ends at second 40.
        ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();
        List<ChatMessageView> messages = new ArrayList<>();
        int id = 0;
        for (int s = 0; s < 400; s++) {
            int n = (s == 20 || s == 300) ? 40 : 2;
            for (int i = 0; i < n; i++) {
                messages.add(msg("m" + id++, s + i / (double) (n + 1), "u" + (id % 37), "text " + id));
            }
        }
        ChatFixtures.Recorder r = new ChatFixtures.Recorder(engine).feedAll(messages);
        r.end(Double.NaN);
        Map<Long, ChatSecondFeatures> byS = r.finalValues();
        assertThat(byS.get(20L).messageCount()).isEqualTo(40);
        assertThat(byS.get(20L).activity().warmUp()).isTrue();
        assertThat(byS.get(20L).activity().level()).isEqualTo(ChatLevel.NONE);
        assertThat(byS.get(20L).activity().deviations()).as("computed from what is there").isGreaterThan(2.5);
        assertThat(byS.get(39L).activity().warmUp()).isTrue();
        assertThat(byS.get(40L).activity().warmUp()).isFalse();
        assertThat(byS.get(300L).activity().level()).isEqualTo(ChatLevel.EXCEPTIONAL);
        assertThat(byS.get(300L).activity().baselineMedian()).isEqualTo(2.0);
        assertThat(byS.values().stream().filter(f -> f.second() != 300 && f.activity().levelPoints() > 0))
                .as("a steady 2 messages/s is never a peak").isEmpty();
    }
}
