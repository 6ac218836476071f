package io.wharf.edge.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replay subscriptions, {@code $replay/{from}[/{to}]/{filter}}: history from Kafka's offsets for
 * times, behind the subscription's prefix, in order, at its QoS; a bounded one says when it ended.
 * The message topic has several partitions, so order holds per topic as MQTT promises it.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private EdgeCluster cluster;
    private Mqtt5BlockingClient publisher;

    @BeforeAll
    void start(TestKafka kafka) {
        cluster = EdgeCluster.start(kafka, 1);
        publisher = hivemq("replay-publisher");
        publisher.connect();
    }

    @AfterAll
    void stop() {
        publisher.disconnect();
        cluster.close();
    }

    @Test
    void aBoundedReplaySendsItsRangeInOrderAtItsQosAndThenSaysItEnded() {
        String space = space();
        publish(space + "/a", "before", MqttQos.AT_LEAST_ONCE);
        Instant from = instantPassed();
        List<String> expectedA = new ArrayList<>();
        List<String> expectedB = new ArrayList<>();
        publish(space + "/c", "at-most-once", MqttQos.AT_MOST_ONCE);
        publish(space + "/c", "exactly-once", MqttQos.EXACTLY_ONCE);
        for (int i = 0; i < 20; i++) {
            expectedA.add("a" + i);
            expectedB.add("b" + i);
            publish(space + "/a", "a" + i, MqttQos.AT_LEAST_ONCE);
            publish(space + "/b", "b" + i, MqttQos.AT_LEAST_ONCE);
        }
        Instant to = instantPassed();
        publish(space + "/a", "after", MqttQos.AT_LEAST_ONCE);

        List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient client = hivemq("bounded-replayer");
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
        client.connect();
        String prefix = "$replay/" + from + "/" + to;
        client.subscribeWith()
                .topicFilter(prefix + "/" + space + "/#")
                .qos(MqttQos.EXACTLY_ONCE)
                .send();

        await().atMost(WAIT)
                .until(() ->
                        received.stream().anyMatch(p -> p.getTopic().toString().equals(prefix)));
        Mqtt5Publish end = received.get(received.size() - 1);
        assertThat(end.getTopic().toString()).as("the end comes last").isEqualTo(prefix);
        assertThat(end.getUserProperties().asList()).anySatisfy(property -> {
            assertThat(property.getName().toString()).isEqualTo("wharf-replay");
            assertThat(property.getValue().toString()).isEqualTo("end");
        });
        assertThat(text(end)).contains("\"messages\":42");
        assertThat(payloadsOn(received, prefix + "/" + space + "/a")).containsExactlyElementsOf(expectedA);
        assertThat(payloadsOn(received, prefix + "/" + space + "/b")).containsExactlyElementsOf(expectedB);
        assertThat(received)
                .filteredOn(p -> p.getTopic().toString().equals(prefix + "/" + space + "/c"))
                .extracting(p -> text(p) + "@" + p.getQos())
                .containsExactlyInAnyOrder("at-most-once@AT_MOST_ONCE", "exactly-once@EXACTLY_ONCE");
        assertThat(received).hasSize(43);
        client.disconnect();
    }

    @Test
    void aReplayWithoutAnEndGoesOnLiveAndStopsWhenUnsubscribed() throws Exception {
        String space = space();
        Instant from = instantPassed();
        for (int i = 0; i < 3; i++) {
            publish(space + "/t", "p" + i, MqttQos.AT_LEAST_ONCE);
        }
        List<String> received = new CopyOnWriteArrayList<>();
        org.eclipse.paho.client.mqttv3.MqttClient paho =
                new org.eclipse.paho.client.mqttv3.MqttClient(cluster.uri(0), "live-replayer", new MemoryPersistence());
        paho.setCallback(new LinesCallback(received));
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        paho.connect(options);
        String replay = "$replay/" + from + "/" + space + "/#";
        paho.subscribe(replay, 1);
        String replayed = "$replay/" + from + "/" + space + "/t";
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(received).containsExactly(replayed + " p0", replayed + " p1", replayed + " p2"));

        publish(space + "/t", "p3", MqttQos.AT_LEAST_ONCE);
        publish(space + "/t", "p4", MqttQos.AT_LEAST_ONCE);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(received)
                        .endsWith(replayed + " p3", replayed + " p4")
                        .hasSize(5));

        paho.unsubscribe(replay);
        paho.subscribe(space + "/#", 1);
        publish(space + "/t", "p5", MqttQos.AT_LEAST_ONCE);
        publish(space + "/t", "p6", MqttQos.AT_LEAST_ONCE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).endsWith(space + "/t p5", space + "/t p6"));
        assertThat(received).as("nothing replayed after UNSUBSCRIBE").hasSize(7);
        paho.disconnect();
        paho.close();
    }

    @Test
    void aReplayEndingLaterFollowsLiveUntilItsEnd() {
        String space = space();
        Instant from = instantPassed();
        publish(space + "/s", "history", MqttQos.AT_LEAST_ONCE);
        Instant to = Instant.now().plusSeconds(3);
        String prefix = "$replay/" + from + "/" + to;
        List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient client = hivemq("until-later-replayer");
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
        client.connect();
        client.subscribeWith()
                .topicFilter(prefix + "/" + space + "/s")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        publish(space + "/s", "live", MqttQos.AT_LEAST_ONCE);

        await().atMost(WAIT)
                .until(() ->
                        received.stream().anyMatch(p -> p.getTopic().toString().equals(prefix)));
        publish(space + "/s", "too-late", MqttQos.AT_LEAST_ONCE);
        assertThat(received)
                .extracting(ReplayIT::text)
                .startsWith("history", "live")
                .hasSize(3);
        assertThat(text(received.get(2))).contains("\"messages\":2");
        client.disconnect();
    }

    @Test
    void mosquittoSubReplaysOverMqtt311AndSeesTheEnd() {
        MosquittoClients.requireInstalled();
        String space = space();
        Instant from = instantPassed();
        publish(space + "/x", "one", MqttQos.AT_LEAST_ONCE);
        publish(space + "/x", "two", MqttQos.AT_LEAST_ONCE);
        Instant to = instantPassed();
        String prefix = "$replay/" + from + "/" + to;
        try (MosquittoClients.Subscriber sub =
                MosquittoClients.subscribe(cluster.edge(0).mqttPort(), prefix + "/" + space + "/+", "-q", "1")) {
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(sub.messages()).as(sub.transcript()).hasSize(3));
            assertThat(sub.messages()).startsWith(prefix + "/" + space + "/x one", prefix + "/" + space + "/x two");
            assertThat(sub.messages().get(2)).startsWith(prefix + " {").contains("\"messages\":2");
        }
    }

    @Test
    void aLongReplayGoesNoFasterThanTheClientAcknowledges() {
        String space = space();
        Instant from = instantPassed();
        Mqtt5AsyncClient fastPublisher = hivemq("burst-publisher").toAsync();
        fastPublisher.connect().join();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add("m" + i);
            acks.add(fastPublisher
                    .publishWith()
                    .topic(space + "/burst")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(utf8("m" + i))
                    .send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        fastPublisher.disconnect().join();
        Instant to = instantPassed();

        Queue<Mqtt5Publish> unacknowledged = new ConcurrentLinkedQueue<>();
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient slow = MqttClient.builder()
                .useMqttVersion5()
                .identifier("slow-replayer")
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildAsync();
        slow.publishes(
                MqttGlobalPublishFilter.ALL,
                publish -> {
                    received.add(text(publish));
                    unacknowledged.add(publish);
                },
                true);
        slow.connectWith()
                .restrictions()
                .receiveMaximum(10)
                .applyRestrictions()
                .send()
                .join();
        slow.subscribeWith()
                .topicFilter("$replay/" + from + "/" + to + "/" + space + "/burst")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .join();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(10));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(received).hasSize(10));

        await().atMost(WAIT).untilAsserted(() -> {
            Mqtt5Publish publish;
            while ((publish = unacknowledged.poll()) != null) {
                publish.acknowledge();
            }
            assertThat(received).hasSize(301);
        });
        assertThat(received.subList(0, 300)).containsExactlyElementsOf(sent);
        assertThat(received.get(300)).contains("\"messages\":300");
        slow.disconnect().join();
    }

    @Test
    void badReplaysAreRefusedWithTheirReason() {
        Mqtt5BlockingClient client = hivemq("bad-replayer");
        client.connect();
        assertThat(subAck(client, "$replay/yesterday/x/#")).isEqualTo(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
        assertThat(subAck(client, "$replay/2026-01-02T00:00:00Z/2026-01-01T00:00:00Z/x"))
                .isEqualTo(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);

        List<Mqtt5SubAckReasonCode> codes = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            codes.add(subAck(client, "$replay/2026-01-01T00:00:00Z/quota/" + i));
        }
        assertThat(codes.subList(0, 8)).noneMatch(Mqtt5SubAckReasonCode::isError);
        assertThat(codes.get(8)).as("one replay too many").isEqualTo(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
        client.disconnect();
    }

    /** The SUBACK reason code for one filter (HiveMQ's client fails a SUBACK of errors only). */
    private static Mqtt5SubAckReasonCode subAck(Mqtt5BlockingClient client, String filter) {
        return client.toAsync()
                .subscribeWith()
                .topicFilter(filter)
                .send()
                .handle((subAck, error) -> (error instanceof Mqtt5SubAckException refused
                                ? refused.getMqttMessage()
                                : subAck)
                        .getReasonCodes()
                        .get(0))
                .join();
    }

    /** An instant just passed: every message published before it is older, every one after newer. */
    private static Instant instantPassed() {
        Instant instant = Instant.now().plusMillis(1);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().isAfter(instant));
        return instant;
    }

    private void publish(String topic, String payload, MqttQos qos) {
        publisher.publishWith().topic(topic).qos(qos).payload(utf8(payload)).send();
    }

    private Mqtt5BlockingClient hivemq(String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildBlocking();
    }

    private static List<String> payloadsOn(List<Mqtt5Publish> received, String topic) {
        return received.stream()
                .filter(p -> p.getTopic().toString().equals(topic))
                .map(ReplayIT::text)
                .toList();
    }

    private static String space() {
        return "replay-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Paho 3's client-wide callback: every message as {@code topic payload}. */
    private record LinesCallback(List<String> lines) implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            lines.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
