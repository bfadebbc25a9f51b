package dev.highlights.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WorkItemAttemptsTest {
    private static final TopicPartition TP = new TopicPartition("media-segments", 3);

    @Test
    void countsTravelInTheCommitAndAreDroppedOnceTheItemIsBehindIt() {
        WorkItemAttempts attempts = new WorkItemAttempts();
        assertThat(attempts.begin(TP, 7)).isEqualTo(1);
        assertThat(attempts.begin(TP, 8)).isEqualTo(1);
        assertThat(attempts.begin(TP, 7)).isEqualTo(2);
        assertThat(attempts.commit(TP, 7)).isEqualTo(new OffsetAndMetadata(7, "attempts:7=2,8=1"));
        assertThat(attempts.commit(TP, 8)).isEqualTo(new OffsetAndMetadata(8, "attempts:8=1"));
        assertThat(attempts.commit(TP, 9).metadata()).isEmpty();
        assertThat(attempts.hasAny(TP)).isFalse();
    }

    @Test
    void aNewOwnerContinuesTheCountAndForgivenStartsDoNotCount() {
        WorkItemAttempts attempts = new WorkItemAttempts();
        attempts.restore(TP, new OffsetAndMetadata(40, "attempts:40=2"));
        assertThat(attempts.begin(TP, 40)).isEqualTo(3);
        attempts.forgive(TP, 40);
        assertThat(attempts.begin(TP, 40)).isEqualTo(3);
        attempts.forgive(TP, 41); // never started: nothing to take back
        assertThat(attempts.begin(TP, 41)).isEqualTo(1);
    }

    @Test
    void metadataOfOtherToolsOrDamagedEntriesReadAsNoCounts() {
        assertThat(WorkItemAttempts.parse(null)).isEmpty();
        assertThat(WorkItemAttempts.parse("")).isEmpty();
        assertThat(WorkItemAttempts.parse("{\"written-by\":\"another tool\"}")).isEmpty();
        assertThat(WorkItemAttempts.parse("attempts:5=x,6=2,=3,-1=4,7=0,8")).containsExactlyEntriesOf(Map.of(6L, 2));
        assertThat(WorkItemAttempts.format(WorkItemAttempts.parse("attempts:12=1,10=3")))
                .isEqualTo("attempts:10=3,12=1");
    }
}
