package dev.highlights.schemas;

import static org.assertj.core.api.Assertions.assertThat;

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
