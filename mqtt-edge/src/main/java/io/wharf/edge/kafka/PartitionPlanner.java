package io.wharf.edge.kafka;

import io.wharf.schemas.mapping.KafkaTarget;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.topic.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of which Kafka topics can hold a match for a filter. Records are placed by
 * Kafka's default partitioner from their key, so where the topic mapping says every match has one
 * key (an exact topic, or a filter whose first levels are literal under a rule keyed by them), one
 * partition holds them; otherwise every partition of the topic can.
 */
public final class PartitionPlanner {

    private final TopicMapping mapping;
    private final Map<String, Integer> partitionCounts;

    /** @param partitionCounts the number of partitions of every Kafka topic of the mapping */
    public PartitionPlanner(TopicMapping mapping, Map<String, Integer> partitionCounts) {
        this.mapping = mapping;
        this.partitionCounts = Map.copyOf(partitionCounts);
    }

    public Set<TopicPartition> partitionsFor(TopicFilter filter) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (KafkaTarget target : mapping.targets(filter)) {
            int count = partitionCounts.get(target.kafkaTopic());
            if (target.allPartitions()) {
                for (int partition = 0; partition < count; partition++) {
                    partitions.add(new TopicPartition(target.kafkaTopic(), partition));
                }
            } else {
                byte[] key = target.key().getBytes(StandardCharsets.UTF_8);
                partitions.add(new TopicPartition(target.kafkaTopic(), BuiltInPartitioner.partitionForKey(key, count)));
            }
        }
        return partitions;
    }
}
