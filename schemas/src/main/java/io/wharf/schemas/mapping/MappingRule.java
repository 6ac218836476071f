package io.wharf.schemas.mapping;

import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.Arrays;

/**
 * One topic mapping rule: MQTT topics matching {@code filter} go to their own Kafka topic.
 *
 * @param kafkaTopic the Kafka topic, named as given (no prefix)
 * @param partitions its partitions when Wharf creates it
 * @param replicationFactor its replicas when Wharf creates it; 0 means as many as the cluster has
 *     brokers, up to 3
 * @param retention how long its records are kept (the replay window)
 * @param keyLevels 0 to key records by the whole MQTT topic; k to key them by the topic's first k
 *     levels, so that, say, every topic of one device shares a partition and its order
 * @param payload how its payloads are checked and written: raw, or typed under a schema
 */
public record MappingRule(
        TopicFilter filter,
        String kafkaTopic,
        int partitions,
        short replicationFactor,
        Duration retention,
        int keyLevels,
        PayloadRule payload) {

    /** A rule whose payloads are written as they came. */
    public MappingRule(
            TopicFilter filter,
            String kafkaTopic,
            int partitions,
            short replicationFactor,
            Duration retention,
            int keyLevels) {
        this(filter, kafkaTopic, partitions, replicationFactor, retention, keyLevels, PayloadRule.RAW);
    }

    /** The record key of an MQTT topic under this rule. */
    public String keyFor(String mqttTopic) {
        if (keyLevels == 0) {
            return mqttTopic;
        }
        String[] levels = mqttTopic.split("/", -1);
        return levels.length <= keyLevels ? mqttTopic : String.join("/", Arrays.copyOf(levels, keyLevels));
    }
}
