package io.wharf.edge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import io.wharf.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Shared subscriptions on a Kafka cluster without share groups (the {@code share.version} feature
 * turned off, as on older brokers): a consumer group carries them, and still each message goes to
 * one member and a leaving member's unacknowledged messages to the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SharedSubscriptionFallbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmbeddedKafka kafka;
    private EdgeCluster cluster;
    private Mqtt5BlockingClient publisher;

    @BeforeAll
    void startBrokerWithoutShareGroups() throws Exception {
        kafka = EmbeddedKafka.start(
                EmbeddedKafkaSettings.of(TestDirectories.newDirectory("kafka-without-share-groups"), 0));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.updateFeatures(
                            Map.of(
                                    "share.version",
                                    new FeatureUpdate((short) 0, FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)),
                            new UpdateFeaturesOptions())
                    .all()
                    .get();
        }
        cluster = EdgeCluster.start(kafka::bootstrapServers, 2);
        publisher = Members.client(cluster.edge(1), "fallback-publisher");
        publisher.connect();
    }

    @AfterAll
    void stop() {
        if (publisher != null) {
            publisher.disconnect();
        }
        if (cluster != null) {
            cluster.close();
        }
        kafka.close();
    }

    @Test
    void membersOnTwoEdgesShareTheMessagesEachGettingEveryOneOnce() {
        String shared = "$share/classic/work/#";
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient memberA = Members.member(cluster.edge(0), "classic-a", shared, onA);
        Mqtt5AsyncClient memberB = Members.member(cluster.edge(1), "classic-b", shared, onB);
        awaitSettled(shared, 2);

        List<String> sent = publish("work/", 40);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                Stream.concat(onA.stream(), onB.stream()).toList())
                        .containsExactlyInAnyOrderElementsOf(sent));
        assertThat(onA).isNotEmpty();
        assertThat(onB).isNotEmpty();
        memberA.disconnect().join();
        memberB.disconnect().join();
    }

    @Test
    void whatALeavingMemberHadNotAcknowledgedGoesToTheOther() {
        String shared = "$share/classic-leavers/gone/#";
        List<String> held = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient neverAcks = Members.neverAcknowledging(cluster.edge(0), "classic-never-acks", shared, held);
        List<String> onB = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient memberB = Members.member(cluster.edge(1), "classic-stayer", shared, onB);
        awaitSettled(shared, 2);

        List<String> sent = publish("gone/", 30);
        await().atMost(WAIT).untilAsserted(() -> assertThat(held).isNotEmpty());
        neverAcks.disconnect().join();

        await().atMost(WAIT).untilAsserted(() -> assertThat(onB).containsExactlyInAnyOrderElementsOf(sent));
        memberB.disconnect().join();
    }

    private void awaitSettled(String shared, int members) {
        String groupId =
                SharedSubscription.parse(shared).groupId(cluster.topics().prefix());
        GroupMembers.awaitConsumerGroupSettled(
                kafka.bootstrapServers(),
                groupId,
                members,
                TopicLayout.defaults().messagePartitions());
    }

    private List<String> publish(String topicPrefix, int count) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String payload = topicPrefix + "m" + i;
            publisher
                    .publishWith()
                    .topic(topicPrefix + i)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
            sent.add(payload);
        }
        return sent;
    }
}
