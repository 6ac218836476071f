package io.wharf.edge.kafka.shared;

import io.wharf.edge.kafka.RecordMapping;
import io.wharf.edge.shared.SharedGroups;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.mapping.KafkaTarget;
import io.wharf.schemas.mapping.TopicMapping;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared subscriptions over Kafka groups: one group per shared subscription (ShareName and
 * filter) across the cluster, and on this edge one {@link GroupReader} per group while the group
 * has members here. The first member readies the group; the last one to leave stops the reader.
 */
public final class KafkaSharedGroups implements SharedGroups, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSharedGroups.class);
    /** Records one poll takes: few, so that they spread over members and a slow one holds back little. */
    private static final int MAX_RECORDS_PER_POLL = 20;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final GroupSetup setup;
    private final String topicPrefix;
    private final String bootstrap;
    private final String nodeId;
    private final TopicMapping mapping;
    private final Map<String, Object> clientOverrides;
    private final Admin admin;
    private final RecordMapping recordMapping;
    private final Map<String, LocalGroup> groups = new HashMap<>();

    /** A group with members on this edge. */
    private static final class LocalGroup {
        final GroupReader reader;
        final Set<SharedMember> members = new LinkedHashSet<>();
        CompletableFuture<Void> ready;

        LocalGroup(GroupReader reader) {
            this.reader = reader;
        }
    }

    /**
     * @param admin used to ready groups; closed with this
     * @param mapping where the messages a shared subscription can match are
     * @param partitionCounts the number of partitions of every Kafka topic of the mapping
     * @param recordMapping how records become messages: typed topics' back into JSON
     */
    public KafkaSharedGroups(
            Admin admin,
            String topicPrefix,
            String bootstrap,
            String nodeId,
            TopicMapping mapping,
            Map<String, Integer> partitionCounts,
            Map<String, Object> clientOverrides,
            RecordMapping recordMapping) {
        this.recordMapping = recordMapping;
        this.admin = admin;
        this.setup = new GroupSetup(admin, partitionCounts);
        this.topicPrefix = topicPrefix;
        this.bootstrap = bootstrap;
        this.nodeId = nodeId;
        this.mapping = mapping;
        this.clientOverrides = Map.copyOf(clientOverrides);
    }

    @Override
    public synchronized CompletableFuture<Void> join(SharedSubscription subscription, SharedMember member) {
        String groupId = subscription.groupId(topicPrefix);
        LocalGroup group = groups.get(groupId);
        if (group == null) {
            group = start(subscription, groupId);
        }
        if (group.members.add(member)) {
            group.reader.join(member);
        }
        return group.ready;
    }

    private LocalGroup start(SharedSubscription subscription, String groupId) {
        // A group reads every Kafka topic its filter can have messages in, all of each.
        List<String> topics = mapping.targets(subscription.filter()).stream()
                .map(KafkaTarget::kafkaTopic)
                .distinct()
                .toList();
        LocalGroup group = new LocalGroup(
                new GroupReader(subscription, groupId, kind -> consumer(kind, groupId, topics), recordMapping));
        groups.put(groupId, group);
        group.ready = setup.prepare(groupId, topics)
                .whenComplete((kind, error) -> {
                    if (error != null) {
                        log.warn("Could not ready Kafka group {} for {}: {}", groupId, subscription, error.toString());
                        forget(groupId, group);
                    } else {
                        log.info(
                                "Shared subscription {} is Kafka {} {} on edge {}",
                                subscription,
                                kind == GroupKind.SHARE_GROUP ? "share group" : "consumer group",
                                groupId,
                                nodeId);
                        group.reader.start(kind);
                    }
                })
                .thenApply(kind -> null);
        return group;
    }

    private GroupConsumer consumer(GroupKind kind, String groupId, List<String> topics) {
        String clientId = nodeId + "-" + groupId;
        return kind == GroupKind.SHARE_GROUP
                ? ShareGroupConsumer.subscribe(
                        bootstrap, clientId, groupId, topics, MAX_RECORDS_PER_POLL, clientOverrides)
                : ClassicGroupConsumer.subscribe(
                        bootstrap, clientId, groupId, topics, MAX_RECORDS_PER_POLL, clientOverrides);
    }

    /** A group that could not be readied is dropped, so that the next join tries again. */
    private synchronized void forget(String groupId, LocalGroup group) {
        if (groups.get(groupId) == group) {
            groups.remove(groupId);
            group.reader.stop();
        }
    }

    @Override
    public synchronized void leave(SharedSubscription subscription, SharedMember member) {
        String groupId = subscription.groupId(topicPrefix);
        LocalGroup group = groups.get(groupId);
        if (group == null || !group.members.remove(member)) {
            return;
        }
        group.reader.leave(member);
        if (group.members.isEmpty()) {
            groups.remove(groupId);
            group.reader.stop();
            log.info(
                    "Shared subscription {} has no members left on edge {}; leaving Kafka group {}",
                    subscription,
                    nodeId,
                    groupId);
        }
    }

    @Override
    public synchronized void hasRoom(SharedMember member) {
        for (LocalGroup group : groups.values()) {
            if (group.members.contains(member)) {
                group.reader.hasRoom(member);
            }
        }
    }

    @Override
    public void close() {
        List<GroupReader> readers;
        synchronized (this) {
            readers = groups.values().stream().map(group -> group.reader).toList();
            groups.clear();
        }
        readers.forEach(GroupReader::stop);
        try {
            for (GroupReader reader : readers) {
                reader.awaitStopped(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(1));
    }
}
