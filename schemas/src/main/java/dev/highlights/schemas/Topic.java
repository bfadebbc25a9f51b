package dev.highlights.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One entry of the topic catalogue: a topic's name, the type of its values, and how it is created.
 * Keys are always the VOD id as a UTF-8 string, so one VOD's records stay ordered within a partition
 * and the fusion inputs are co-partitioned.
 *
 * @param name      the name in this deployment: given without the deployment's prefix ({@link Topics#prefix()}),
 *                  which is put in front once, here
 * @param retention {@code null} keeps records forever (compacted topics)
 */
public record Topic<V>(String name, Class<V> valueType, int partitions, String cleanupPolicy,
                       Duration retention, String description) {

    public Topic {
        name = Topics.prefix() + name;
    }

    /** The name without the deployment's prefix, as the catalogue writes it. */
    public String baseName() {
        return name.substring(Topics.prefix().length());
    }

    /** Subject of the value schema under Confluent's TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }

    /** The topic as an Admin API request with the given replication factor. */
    public NewTopic toNewTopic(short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
