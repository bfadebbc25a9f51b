package dev.highlights.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicHasAnAvroValueTypeAndAUniqueName() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
        for (Topic<?> topic : Topics.all()) {
            assertThat(SpecificData.get().getSchema(topic.valueType()).getField("vodId"))
                    .as("%s values carry the VOD id that is also their key", topic.name()).isNotNull();
        }
    }

    @Test
    void namesCarryTheDeploymentsPrefixWhichHoldsOnlyWhatKafkaAllows() {
        // This JVM runs without a prefix: names are the catalogue's own.
        assertThat(Topics.prefix()).isEmpty();
        assertThat(Topics.HIGHLIGHTS.name()).isEqualTo("highlights");
        assertThat(Topics.HIGHLIGHTS.valueSubject()).isEqualTo("highlights-value");
        assertThat(Topics.prefixOf(null)).isEmpty();
        assertThat(Topics.prefixOf("")).isEmpty();
        assertThat(Topics.prefixOf("team-a.")).isEqualTo("team-a.");
        assertThat(Topics.prefixOf("Prod_EU-1.")).isEqualTo("Prod_EU-1.");
        for (String bad : new String[] {"team a", "team/a", "têam", "x".repeat(101)}) {
            assertThatThrownBy(() -> Topics.prefixOf(bad)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HIGHLIGHTS_TOPIC_PREFIX");
        }
    }

    @Test
    void fusionInputsAreCoPartitioned() {
        assertThat(Topics.CHAT_FEATURES.partitions())
                .isEqualTo(Topics.AUDIO_SCORES.partitions())
                .isEqualTo(Topics.VIDEO_SCORES.partitions())
                .isEqualTo(Topics.PIPELINE_STATUS.partitions());
    }

    @Test
    void vodsAreCompactedAndEventTopicsExpire() {
        assertThat(Topics.VODS.toNewTopic((short) 1).configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        assertThat(Topics.HIGHLIGHTS.toNewTopic((short) 3).configs()).containsEntry("cleanup.policy", "delete");
        assertThat(Topics.HIGHLIGHTS.toNewTopic((short) 3).replicationFactor()).isEqualTo((short) 3);
    }
}
