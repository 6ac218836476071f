package io.wharf.edge.kafka.shared;

/** What carries a shared subscription in Kafka. */
enum GroupKind {
    /** A share group (KIP-932): records go to members one by one, across all partitions. */
    SHARE_GROUP,
    /** A classic consumer group, where the cluster has no share groups: partitions go to edges. */
    CONSUMER_GROUP
}
