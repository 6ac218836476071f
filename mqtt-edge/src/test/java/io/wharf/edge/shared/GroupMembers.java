package io.wharf.edge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * What Kafka says about the group behind a shared subscription. A test that checks how messages
 * spread over members waits with it until every member holds its part of the partitions, because
 * members of a share group learn their assignment only at their next heartbeat (every 5 s).
 */
final class GroupMembers {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private GroupMembers() {}

    /** Waits until the share group has {@code members} members that share every partition out between them, and know it. */
    static void awaitShareGroupSettled(String bootstrap, String groupId, int members, int partitions) {
        awaitWithAdmin(bootstrap, admin -> {
            ShareGroupDescription group = admin.describeShareGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get();
            assertThat(group.members()).hasSize(members);
            assertThat(group.members())
                    .allSatisfy(member -> assertThat(member.memberEpoch()).isEqualTo(group.targetAssignmentEpoch()));
            assertSharedOut(
                    group.members().stream()
                            .map(member -> member.assignment().topicPartitions())
                            .toList(),
                    partitions);
        });
    }

    /** The same for the consumer group used where the cluster has no share groups. */
    static void awaitConsumerGroupSettled(String bootstrap, String groupId, int members, int partitions) {
        awaitWithAdmin(bootstrap, admin -> {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get();
            assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(group.members()).hasSize(members);
            assertSharedOut(
                    group.members().stream()
                            .map(member -> member.assignment().topicPartitions())
                            .toList(),
                    partitions);
        });
    }

    /** A check that asks Kafka. */
    private interface AdminCheck {
        void check(Admin admin) throws Exception;
    }

    private static void awaitWithAdmin(String bootstrap, AdminCheck check) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> check.check(admin));
        }
    }

    /** Every member holds some partitions, and each partition is held by one member. */
    private static void assertSharedOut(Collection<Set<TopicPartition>> assignments, int partitions) {
        assertThat(assignments).allSatisfy(assigned -> assertThat(assigned).isNotEmpty());
        assertThat(assignments.stream().mapToInt(Set::size).sum()).isEqualTo(partitions);
        assertThat(assignments.stream().flatMap(Set::stream).distinct().count()).isEqualTo(partitions);
    }
}
