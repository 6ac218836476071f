package io.wharf.edge.kafka;

import io.wharf.schemas.topic.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of the message topic can hold a match for a filter. Records are keyed by MQTT
 * topic and placed by Kafka's default partitioner, so an exact topic lives in one partition; a
 * wildcard can match in any.
 */
public final class PartitionPlanner {

  private final String kafkaTopic;
  private final int partitionCount;

  public PartitionPlanner(String kafkaTopic, int partitionCount) {
    this.kafkaTopic = kafkaTopic;
    this.partitionCount = partitionCount;
  }

  public Set<TopicPartition> partitionsFor(TopicFilter filter) {
    if (filter.isExact()) {
      return Set.of(partitionOf(filter.text()));
    }
    Set<TopicPartition> all = new LinkedHashSet<>();
    for (int partition = 0; partition < partitionCount; partition++) {
      all.add(new TopicPartition(kafkaTopic, partition));
    }
    return all;
  }

  /** The partition Kafka's default partitioner gives a record keyed by this MQTT topic. */
  public TopicPartition partitionOf(String mqttTopic) {
    byte[] key = mqttTopic.getBytes(StandardCharsets.UTF_8);
    return new TopicPartition(kafkaTopic, BuiltInPartitioner.partitionForKey(key, partitionCount));
  }
}
