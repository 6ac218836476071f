package io.wharf.edge.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * How Wharf's topics are created when missing.
 *
 * @param messagePartitions partitions of the message topic
 * @param statePartitions partitions of each compacted state topic (retained, sessions, wills)
 * @param replicationFactor replicas per partition; 0 means as many as the cluster has brokers, up to 3
 * @param messageRetention how long messages stay replayable
 * @param extraMessageTopicConfig further settings of the message topic, for example {@code
 *     max.message.bytes}
 */
public record TopicLayout(
        int messagePartitions,
        int statePartitions,
        short replicationFactor,
        Duration messageRetention,
        Map<String, String> extraMessageTopicConfig) {

    public TopicLayout {
        extraMessageTopicConfig = Map.copyOf(extraMessageTopicConfig);
    }

    public static TopicLayout defaults() {
        return new TopicLayout(6, 6, (short) 0, Duration.ofDays(7), Map.of());
    }
}
