package io.wharf.edge.kafka.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies the Kafka group of a shared subscription before a member on this edge joins it: picks a
 * share group where the cluster has them (a consumer group otherwise), and gives a new group its
 * starting point, the end of every partition now. Kafka keeps that position for the group from then
 * on, so every message published after the first member's SUBACK reaches a member, however long
 * the members then take to get their partitions. A group that already has a position keeps it.
 */
final class GroupSetup {

    private static final Logger log = LoggerFactory.getLogger(GroupSetup.class);
    private static final String SHARE_FEATURE = "share.version";
    private static final Map<String, String> SHARE_GROUP_CONFIG = Map.of(
            // Only what is published after a subscription starts is for it (the explicit start
            // below covers a new group; this covers partitions that appear later).
            "share.auto.offset.reset", "latest",
            // QoS 2 messages are written in transactions; an aborted one was never published.
            "share.isolation.level", "read_committed");

    private final Admin admin;
    private final Map<String, Integer> partitionCounts;

    GroupSetup(Admin admin, Map<String, Integer> partitionCounts) {
        this.admin = admin;
        this.partitionCounts = Map.copyOf(partitionCounts);
    }

    /** @param topics the Kafka topics the group reads */
    CompletableFuture<GroupKind> prepare(String groupId, List<String> topics) {
        return future(admin.describeFeatures().featureMetadata()).thenCompose(features -> {
            GroupKind kind = hasShareGroups(features) ? GroupKind.SHARE_GROUP : GroupKind.CONSUMER_GROUP;
            CompletableFuture<Void> ready = kind == GroupKind.SHARE_GROUP
                    ? prepareShareGroup(groupId, topics)
                    : prepareConsumerGroup(groupId, topics);
            return ready.thenApply(done -> kind);
        });
    }

    private static boolean hasShareGroups(FeatureMetadata features) {
        FinalizedVersionRange share = features.finalizedFeatures().get(SHARE_FEATURE);
        return share != null && share.maxVersionLevel() >= 1;
    }

    private CompletableFuture<Void> prepareShareGroup(String groupId, List<String> topics) {
        List<AlterConfigOp> config = SHARE_GROUP_CONFIG.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        return future(admin.incrementalAlterConfigs(
                                Map.of(new ConfigResource(ConfigResource.Type.GROUP, groupId), config))
                        .all())
                .thenCompose(
                        done -> future(admin.listShareGroupOffsets(Map.of(groupId, new ListShareGroupOffsetsSpec()))
                                .partitionsToOffsetInfo(groupId)))
                .thenCompose(known -> known.isEmpty()
                        ? endOffsets(topics)
                                .thenCompose(ends -> startAt(
                                        groupId,
                                        ends,
                                        future(admin.alterShareGroupOffsets(groupId, ends)
                                                .all())))
                        : CompletableFuture.completedFuture(null));
    }

    private CompletableFuture<Void> prepareConsumerGroup(String groupId, List<String> topics) {
        return future(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata())
                .thenCompose(known -> known.isEmpty()
                        ? endOffsets(topics)
                                .thenCompose(ends -> startAt(
                                        groupId,
                                        ends,
                                        future(admin.alterConsumerGroupOffsets(
                                                        groupId, ClassicGroupConsumer.committable(ends))
                                                .all())))
                        : CompletableFuture.completedFuture(null));
    }

    /**
     * Setting a start fails once the group has a member: another edge's first member came first, and
     * its edge set the start before it joined.
     */
    private static CompletableFuture<Void> startAt(
            String groupId, Map<TopicPartition, Long> ends, CompletableFuture<Void> altered) {
        return altered.handle((done, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause == null) {
                log.info("Kafka group {} starts at the end of every partition: {}", groupId, ends);
            } else if (!(cause instanceof GroupNotEmptyException || cause instanceof UnknownMemberIdException)) {
                throw new CompletionException(cause);
            }
            return null;
        });
    }

    private CompletableFuture<Map<TopicPartition, Long>> endOffsets(List<String> topics) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitionCounts.get(topic); partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        return future(admin.listOffsets(latest).all()).thenApply(offsets -> {
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        });
    }

    private static <T> CompletableFuture<T> future(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
