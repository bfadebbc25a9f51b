package dev.highlights.chat.features;

import dev.highlights.chat.ChatServiceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two VODs on one partition: one whose chat runs at media second 5000, one at 10, messages interleaved. With a
 * shared (per-partition) clock the second VOD's messages would all look ~5000 s late; per-VOD states must keep
 * both complete and correct. This is the core of the later Kafka Streams interleaving test.
 */
class InterleavingTest {

    private final ChatFeatureEngine engine = ChatServiceConfig.shipped().featureEngine();

    @Test
    void twoVodsFedInterleavedBothCompleteAndMatchSeparateRuns() {
        List<ChatMessageView> late = ChatFixtures.randomVod(5000, "late", 5000, 400);
        List<ChatMessageView> early = ChatFixtures.randomVod(10, "early", 10, 400);

        ChatFixtures.Recorder aloneLate = new ChatFixtures.Recorder(engine).feedAll(late);
        aloneLate.end(5400.0);
        ChatFixtures.Recorder aloneEarly = new ChatFixtures.Recorder(engine).feedAll(early);
        aloneEarly.end(410.0);

        // Interleave: alternate, with arrival within each VOD shuffled inside the lateness as a broker might.
        List<ChatMessageView> lateArrivals = ChatFixtures.shuffleWithinLateness(late, 10, 1);
        List<ChatMessageView> earlyArrivals = ChatFixtures.shuffleWithinLateness(early, 10, 2);
        ChatFixtures.Recorder a = new ChatFixtures.Recorder(engine);
        ChatFixtures.Recorder b = new ChatFixtures.Recorder(engine);
        List<String> partitionOrder = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < lateArrivals.size() || j < earlyArrivals.size()) {
            if (i < lateArrivals.size() && (j >= earlyArrivals.size() || (i + j) % 2 == 0)) {
                a.feed(lateArrivals.get(i++));
                partitionOrder.add("late");
            } else {
                b.feed(earlyArrivals.get(j++));
                partitionOrder.add("early");
            }
        }
        assertThat(partitionOrder.subList(0, 4)).containsExactly("late", "early", "late", "early");
        EndOutcome endA = a.end(5400.0);
        EndOutcome endB = b.end(410.0);

        assertThat(a.dispositions).containsOnly(MessageOutcome.Disposition.ACCEPTED);
        assertThat(b.dispositions).containsOnly(MessageOutcome.Disposition.ACCEPTED);
        assertThat(endA.completion()).isEqualTo(new ChatCompletion(late.size(), 0, 0, 0, 5400));
        assertThat(endB.completion()).isEqualTo(new ChatCompletion(early.size(), 0, 0, 0, 410));

        VodChatStateTest.assertEmissionContract(a.emitted, 5400);
        VodChatStateTest.assertEmissionContract(b.emitted, 410);
        Map<Long, ChatSecondFeatures> finalA = a.finalValues();
        Map<Long, ChatSecondFeatures> finalB = b.finalValues();
        assertThat(finalA).isEqualTo(aloneLate.finalValues());
        assertThat(finalB).isEqualTo(aloneEarly.finalValues());

        // Quiet lead-in before each VOD's chat starts, then real counts that add up to every message.
        assertThat(finalA.get(4999L).messageCount()).isZero();
        assertThat(finalB.get(9L).messageCount()).isZero();
        assertThat(finalA.values().stream().mapToInt(ChatSecondFeatures::messageCount).sum()).isEqualTo(late.size());
        assertThat(finalB.values().stream().mapToInt(ChatSecondFeatures::messageCount).sum()).isEqualTo(early.size());
    }
}
