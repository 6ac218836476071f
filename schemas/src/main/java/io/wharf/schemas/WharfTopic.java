package io.wharf.schemas;

import org.apache.kafka.common.serialization.Serde;

/** One Kafka topic of Wharf: its name, how Kafka keeps it, and the formats of its keys and values. */
public record WharfTopic<K, V>(String name, CleanupPolicy cleanupPolicy, Serde<K> keySerde, Serde<V> valueSerde) {}
