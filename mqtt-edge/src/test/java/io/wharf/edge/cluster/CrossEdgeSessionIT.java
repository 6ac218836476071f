package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sessions and messages across edges: any edge serves any client, with nothing lost between them. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class CrossEdgeSessionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private EdgeCluster cluster;

    @BeforeAll
    void startEdges(TestKafka kafka) {
        cluster = EdgeCluster.start(kafka, 3);
    }

    @AfterAll
    void stopEdges() {
        cluster.close();
    }

    @Test
    void aPublisherOnOneEdgeReachesSubscribersOnTheOthersForExactTopicsAndWildcards() {
        List<String> onB = new CopyOnWriteArrayList<>();
        List<String> onC = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriberB = connect(1, "live-b", true);
        subscriberB
                .toAsync()
                .subscribeWith()
                .topicFilter("live/room1/temp")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> onB.add(text(p.getPayloadAsBytes())))
                .send()
                .join();
        Mqtt5BlockingClient subscriberC = connect(2, "live-c", true);
        subscriberC
                .toAsync()
                .subscribeWith()
                .topicFilter("live/+/temp")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> onC.add(text(p.getPayloadAsBytes())))
                .send()
                .join();

        Mqtt5BlockingClient publisher = connect(0, "live-a", true);
        publisher
                .publishWith()
                .topic("live/room1/temp")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("21".getBytes(StandardCharsets.UTF_8))
                .send();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(onB).containsExactly("21");
            assertThat(onC).containsExactly("21");
        });
        publisher.disconnect();
        subscriberB.disconnect();
        subscriberC.disconnect();
    }

    @Test
    void aPersistentSessionMovesToAnotherEdgeAndGetsEverythingPublishedMeanwhileInOrder() {
        Mqtt5BlockingClient subscriber = connect(0, "mover", false);
        subscriber
                .subscribeWith()
                .topicFilter("moving/#")
                .qos(MqttQos.EXACTLY_ONCE)
                .send();
        subscriber.disconnect();

        Mqtt5BlockingClient publisher = connect(1, "mover-publisher", true);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String payload = "m" + i;
            sent.add(payload);
            publisher
                    .publishWith()
                    .topic("moving/" + (i % 3))
                    .qos(i % 2 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        publisher.disconnect();

        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient resumed = client(2, "mover").toAsync();
        resumed.publishes(
                com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> received.add(text(p.getPayloadAsBytes())));
        assertThat(resumed.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(300)
                        .send()
                        .join()
                        .isSessionPresent())
                .isTrue();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactlyInAnyOrderElementsOf(sent));
        for (int topic = 0; topic < 3; topic++) {
            int t = topic;
            List<String> perTopic = sent.stream()
                    .filter(p -> Integer.parseInt(p.substring(1)) % 3 == t)
                    .toList();
            assertThat(received.stream().filter(perTopic::contains).toList())
                    .as("order on moving/" + t)
                    .containsExactlyElementsOf(perTopic);
        }
        resumed.disconnect().join();
    }

    @Test
    void connectingOnAnotherEdgeTakesTheSessionOverAndTellsTheOldConnectionWhy() {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient first = MqttClient.builder()
                .useMqttVersion5()
                .identifier("taken-over")
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        reason.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        first.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        first.subscribeWith()
                .topicFilter("takeover/t")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();

        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient second = client(1, "taken-over").toAsync();
        second.publishes(
                com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> received.add(text(p.getPayloadAsBytes())));
        assertThat(second.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(300)
                        .send()
                        .join()
                        .isSessionPresent())
                .isTrue();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
        Mqtt5BlockingClient publisher = connect(2, "takeover-publisher", true);
        publisher
                .publishWith()
                .topic("takeover/t")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("after".getBytes(StandardCharsets.UTF_8))
                .send();
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("after"));
        publisher.disconnect();
        second.disconnect().join();
    }

    @Test
    void racingConnectsOnTwoEdgesLeaveOneOwner() {
        for (int round = 0; round < 5; round++) {
            Mqtt5AsyncClient onA = client(0, "racer").toAsync();
            Mqtt5AsyncClient onB = client(1, "racer").toAsync();
            var connectA = onA.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send();
            var connectB = onB.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send();
            connectA.handle((ack, error) -> null).join();
            connectB.handle((ack, error) -> null).join();

            await().atMost(WAIT).until(() -> connectedCount(onA, onB) <= 1);
            assertThat(connectedCount(onA, onB)).as("round " + round).isLessThanOrEqualTo(1);
            onA.disconnect().handle((done, error) -> null).join();
            onB.disconnect().handle((done, error) -> null).join();
        }
    }

    private static int connectedCount(Mqtt5AsyncClient... clients) {
        int connected = 0;
        for (Mqtt5AsyncClient client : clients) {
            if (client.getState().isConnected()) {
                connected++;
            }
        }
        return connected;
    }

    private Mqtt5BlockingClient connect(int edge, String id, boolean cleanStart) {
        Mqtt5BlockingClient client = client(edge, id);
        client.connectWith()
                .cleanStart(cleanStart)
                .sessionExpiryInterval(cleanStart ? 0 : 300)
                .send();
        return client;
    }

    private Mqtt5BlockingClient client(int edge, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(edge).mqttPort())
                .buildBlocking();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
