package io.wharf.schemas.mapping;

/**
 * Where a subscription's matches can be in Kafka: a topic, and the record key they all have when it
 * is known (then one partition holds them), or null when any partition can.
 */
public record KafkaTarget(String kafkaTopic, String key) {

    public boolean allPartitions() {
        return key == null;
    }
}
