package io.wharf.edge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared subscriptions across the edges of one cluster, with real clients: each message goes to
 * one member, members on every edge get their share, and what a leaving member had not
 * acknowledged reaches the others.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SharedSubscriptionClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestKafka kafka;
    private EdgeCluster cluster;
    private Mqtt5BlockingClient publisher;

    @BeforeAll
    void startEdges(TestKafka kafka) {
        this.kafka = kafka;
        cluster = EdgeCluster.start(kafka, 3);
        publisher = hivemq(2, "publisher");
        publisher.connect();
    }

    @AfterAll
    void stopEdges() {
        publisher.disconnect();
        cluster.close();
    }

    @Test
    void membersOnThreeEdgesShareTheMessagesEachGettingEveryOneOnceAtItsQos() throws Exception {
        String shared = "$share/workers/jobs/#";
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        List<String> onC = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient hivemq = hivemq(0, "worker-hivemq").toAsync();
        hivemq.connect().join();
        hivemq.subscribeWith()
                .topicFilter(shared)
                .qos(MqttQos.EXACTLY_ONCE)
                .callback(
                        p -> onA.add(received(p.getPayloadAsBytes(), p.getQos().getCode())))
                .send()
                .join();
        org.eclipse.paho.mqttv5.client.MqttClient paho5 = paho5(1, "worker-paho5", shared, onB);
        org.eclipse.paho.client.mqttv3.MqttClient paho311 = paho311(2, "worker-paho311", shared, onC);
        awaitSettled(shared, 3);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int qos = i % 2 == 0 ? 1 : 2;
            publish("jobs/" + i, "job" + i, qos);
            sent.add(received(("job" + i).getBytes(StandardCharsets.UTF_8), qos));
        }

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(all(List.of(onA, onB, onC))).containsExactlyInAnyOrderElementsOf(sent));
        assertThat(onA).as("the HiveMQ client's share").isNotEmpty();
        assertThat(onB).as("the Paho MQTT 5 client's share").isNotEmpty();
        assertThat(onC).as("the Paho MQTT 3.1.1 client's share").isNotEmpty();
        hivemq.disconnect().join();
        paho5.disconnect();
        paho5.close();
        paho311.disconnect();
        paho311.close();
    }

    @Test
    void whatALeavingMemberHadNotAcknowledgedGoesToTheOthers() {
        String shared = "$share/droppers/drop/#";
        List<String> held = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient neverAcks = Members.neverAcknowledging(cluster.edge(0), "never-acks", shared, held);
        List<String> onB = new CopyOnWriteArrayList<>();
        List<String> onC = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient memberB = Members.member(cluster.edge(1), "dropper-b", shared, onB);
        Mqtt5AsyncClient memberC = Members.member(cluster.edge(2), "dropper-c", shared, onC);
        awaitSettled(shared, 3);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            publish("drop/" + i, "d" + i, 1);
            sent.add("d" + i);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(held).isNotEmpty());
        neverAcks.disconnect().join();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(all(List.of(onB, onC))).containsExactlyInAnyOrderElementsOf(sent));
        assertThat(all(List.of(onB, onC))).containsAll(held);
        memberB.disconnect().join();
        memberC.disconnect().join();
    }

    @Test
    void twoShareNamesOnOneFilterEachGetEveryMessageOnceAsDoesAPlainSubscriber() {
        MosquittoClients.requireInstalled();
        List<String> right = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient rightMember = Members.member(cluster.edge(1), "right", "$share/right/both/#", right);
        List<String> plain = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient plainSubscriber = Members.member(cluster.edge(2), "plain", "both/#", plain);
        // mosquitto_sub speaks MQTT 3.1.1 here: $share/ works there too.
        try (MosquittoClients.Subscriber left =
                MosquittoClients.subscribe(cluster.edge(0).mqttPort(), "$share/left/both/#", "-q", "1")) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                publish("both/" + i, "b" + i, 1);
                sent.add("b" + i);
            }
            List<String> expectedLines = Stream.iterate(0, i -> i + 1)
                    .limit(20)
                    .map(i -> "both/" + i + " b" + i)
                    .toList();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(left.messages()).as(left.transcript()).containsExactlyInAnyOrderElementsOf(expectedLines);
                assertThat(right).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(plain).containsExactlyInAnyOrderElementsOf(sent);
            });
        }
        rightMember.disconnect().join();
        plainSubscriber.disconnect().join();
    }

    @Test
    void aPersistentSessionKeepsItsSharedSubscriptionOnAnotherEdgeAndGetsWhatCameMeanwhile() {
        String shared = "$share/movers/moving/#";
        Mqtt5BlockingClient first = hivemq(0, "shared-mover");
        first.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        first.subscribeWith().topicFilter(shared).qos(MqttQos.AT_LEAST_ONCE).send();
        first.disconnect();
        publish("moving/1", "while-away", 1);

        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient resumed = hivemq(1, "shared-mover").toAsync();
        resumed.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(Members.text(p.getPayloadAsBytes())));
        assertThat(resumed.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(300)
                        .send()
                        .join()
                        .isSessionPresent())
                .isTrue();
        publish("moving/2", "after-return", 1);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(received).containsExactlyInAnyOrder("while-away", "after-return"));
        resumed.disconnect().join();
    }

    private void awaitSettled(String shared, int members) {
        String groupId =
                SharedSubscription.parse(shared).groupId(cluster.topics().prefix());
        GroupMembers.awaitShareGroupSettled(
                kafka.bootstrapServers(),
                groupId,
                members,
                TopicLayout.defaults().messagePartitions());
    }

    private void publish(String topic, String payload, int qos) {
        publisher
                .publishWith()
                .topic(topic)
                .qos(MqttQos.fromCode(qos))
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private Mqtt5BlockingClient hivemq(int edge, String id) {
        return Members.client(cluster.edge(edge), id);
    }

    /**
     * A Paho MQTT 5 member at QoS 2. Paho hands a message to a subscription's own listener only if
     * the topic matches the filter as written, which a {@code $share/} filter never does: members
     * take messages through the client's callback.
     */
    private org.eclipse.paho.mqttv5.client.MqttClient paho5(int edge, String id, String shared, List<String> inbox)
            throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                cluster.uri(edge), id, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(20));
        client.setCallback(new Paho5Inbox(inbox));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe(shared, 2);
        return client;
    }

    /** A Paho MQTT 3.1.1 member at QoS 2, taking messages through its callback as {@link #paho5} does. */
    private org.eclipse.paho.client.mqttv3.MqttClient paho311(int edge, String id, String shared, List<String> inbox)
            throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient client =
                new org.eclipse.paho.client.mqttv3.MqttClient(cluster.uri(edge), id, new MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(20));
        client.setCallback(new Paho3Inbox(inbox));
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(shared, 2);
        return client;
    }

    private record Paho5Inbox(List<String> inbox) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            inbox.add(received(message.getPayload(), message.getQos()));
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {}

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(
                int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
    }

    private record Paho3Inbox(List<String> inbox) implements org.eclipse.paho.client.mqttv3.MqttCallback {
        @Override
        public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            inbox.add(received(message.getPayload(), message.getQos()));
        }

        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
    }

    /** Everything some members received, together. */
    private static List<String> all(List<List<String>> inboxes) {
        return inboxes.stream().flatMap(List::stream).toList();
    }

    /** A received message as {@code payload@qos}, so that a check covers the QoS it came with. */
    private static String received(byte[] payload, int qos) {
        return Members.text(payload) + "@" + qos;
    }
}
