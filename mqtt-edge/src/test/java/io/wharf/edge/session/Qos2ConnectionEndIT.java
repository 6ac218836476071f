package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A QoS 2 publisher whose connection ends (the network drops, or a new connection takes it over)
 * while its message is being written in a Kafka transaction: when it sends the message again on
 * its next connection, at the same or another edge, the message is in Kafka once, and the session
 * was not left looking connected.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class Qos2ConnectionEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestKafka kafka;
    private WharfTopics topics;
    private MqttEdge edgeA;
    private MqttEdge edgeB;

    Qos2ConnectionEndIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void startEdges() {
        topics = new WharfTopics("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        edgeA = MqttEdge.start(settings("qos2-end-a"));
        edgeB = MqttEdge.start(settings("qos2-end-b"));
    }

    @AfterEach
    void stopEdges() {
        edgeA.close();
        edgeB.close();
    }

    @Test
    void aQos2MessageWhoseConnectionDroppedDuringItsTransactionIsStoredOnceWhenResentAtAnotherEdge() throws Exception {
        String clientId = "qos2-dropped-" + System.nanoTime();
        byte[] payload = ("once-" + clientId).getBytes(StandardCharsets.UTF_8);
        byte[] willPayload = ("will-" + clientId).getBytes(StandardCharsets.UTF_8);
        TransactionGate.Armed gate = TransactionGate.arm(payload, willPayload);
        MqttAsyncClient publisher =
                new MqttAsyncClient("tcp://127.0.0.1:" + edgeA.mqttPort(), clientId, new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setAutomaticReconnect(false);
            // The will goes out as the dropped connection closes, just before the session is stored:
            // the transaction goes on from there, racing the session's release.
            options.setWill("qos2-end/will", willPayload, 0, false);
            publisher.connect(options).waitForCompletion(WAIT.toMillis());
            IMqttDeliveryToken token = publisher.publish("qos2-end/data", payload, 2, false);
            gate.awaitHolding();

            publisher.disconnectForcibly(0, 1000, false); // the network drops: no DISCONNECT

            await("the session stored as disconnected, with the packet id of the message in the log")
                    .atMost(WAIT)
                    .untilAsserted(() -> {
                        SessionRecord last = lastSessionRecord(clientId);
                        assertThat(last.connected()).isFalse();
                        assertThat(last.state().inboundQos2()).contains(token.getMessageId());
                    });

            options.setServerURIs(new String[] {"tcp://127.0.0.1:" + edgeB.mqttPort()});
            publisher.connect(options).waitForCompletion(WAIT.toMillis());
            await("PUBREC and PUBCOMP for the re-sent message")
                    .atMost(WAIT)
                    .until(() -> publisher.getPendingDeliveryTokens().length == 0);
            publisher.disconnect().waitForCompletion(WAIT.toMillis());
        } finally {
            gate.disarm();
            publisher.close(true);
        }

        assertThat(committedRecordsWithValue(topics.messages().name(), payload)).isEqualTo(1);
    }

    @Test
    void aQos2MessageWhoseConnectionWasTakenOverDuringItsTransactionIsStoredOnceWhenResentOnTheNewOne()
            throws Exception {
        String clientId = "qos2-taken-over-" + System.nanoTime();
        byte[] payload = ("once-" + clientId).getBytes(StandardCharsets.UTF_8);
        byte[] willPayload = ("will-" + clientId).getBytes(StandardCharsets.UTF_8);
        TransactionGate.Armed gate = TransactionGate.arm(payload, willPayload);
        try (RawMqttClient first = RawMqttClient.open(edgeA.mqttPort());
                RawMqttClient second = RawMqttClient.open(edgeA.mqttPort())) {
            first.send(connect311WithWill(clientId, "qos2-end/will", willPayload));
            first.expect(Packet.CONNACK);
            first.send(Wire.publish311("qos2-end/data", 2, 9, payload));
            gate.awaitHolding();

            // The same client connects again on the same edge: the first connection is taken over, and
            // its will goes out as it closes, while the message is still in the transaction.
            second.send(Wire.connect311(clientId, false, 0));
            assertThat(second.expect(Packet.CONNACK).sessionPresent()).isTrue();
            second.send(dup(Wire.publish311("qos2-end/data", 2, 9, payload)));
            assertThat(second.expect(Packet.PUBREC).packetId()).isEqualTo(9);
            second.send(Wire.ack(Wire.PUBREL, 9));
            assertThat(second.expect(Packet.PUBCOMP).packetId()).isEqualTo(9);
            second.send(Wire.disconnect311());
        } finally {
            gate.disarm();
        }

        assertThat(committedRecordsWithValue(topics.messages().name(), payload)).isEqualTo(1);
    }

    private static byte[] dup(byte[] publish) {
        byte[] copy = publish.clone();
        copy[0] |= 0x08;
        return copy;
    }

    /** An MQTT 3.1.1 CONNECT of a persistent session with a QoS 0 will. */
    private static byte[] connect311WithWill(String clientId, String willTopic, byte[] willPayload) {
        return Wire.of()
                .utf8("MQTT")
                .u8(4)
                .u8(0x04)
                .u16(0)
                .utf8(clientId)
                .utf8(willTopic)
                .u16(willPayload.length)
                .raw(willPayload)
                .packet(0x10);
    }

    private EdgeSettings settings(String nodeId) {
        return EdgeSettings.builder(nodeId, kafka.bootstrapServers(), topics)
                .ports(0, -1)
                .kafkaClientOverrides(Map.of("interceptor.classes", TransactionGate.class.getName()))
                .build();
    }

    private SessionRecord lastSessionRecord(String clientId) {
        List<ConsumerRecord<byte[], byte[]>> records =
                readCommitted(topics.sessions().name());
        SessionRecord last = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null
                    && clientId.equals(
                            topics.sessions().keySerde().deserializer().deserialize(record.topic(), record.key()))) {
                last = topics.sessions().valueSerde().deserializer().deserialize(record.topic(), record.value());
            }
        }
        assertThat(last).as("a session record of " + clientId).isNotNull();
        return last;
    }

    private long committedRecordsWithValue(String topic, byte[] value) {
        return readCommitted(topic).stream()
                .filter(record -> Arrays.equals(record.value(), value))
                .count();
    }

    /** Every committed record of the topic up to its end now, in partition order. */
    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return KafkaRecords.readCommitted(kafka.bootstrapServers(), topic, Duration.ofSeconds(30));
    }
}
