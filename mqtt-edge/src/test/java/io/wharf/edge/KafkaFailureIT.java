package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A message topic that takes no record over 1,000 bytes: an MQTT 5 client is told the packet size
 * that leaves, and an MQTT 3.1.1 client (which cannot be told) sending more is disconnected and
 * never acknowledged. A limit lowered while the edge runs is TopicSizeLimitsIT's.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class KafkaFailureIT {

    private static final byte[] TOO_LARGE_FOR_KAFKA = new byte[5000];

    private final TestKafka kafka;
    private RunningEdge edge;

    KafkaFailureIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void startEdge() {
        TopicLayout smallRecords =
                new TopicLayout(3, 3, (short) 0, Duration.ofDays(1), Map.of("max.message.bytes", "1000"));
        edge = RunningEdge.start(kafka, smallRecords);
    }

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    @Test
    void anMqtt5ClientIsToldThePacketSizeTheTopicTakesAndWithinItIsServed() {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("v5-publisher")
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();

        // Kafka takes records of 1,000 bytes: the client learns it up front rather than from a refusal.
        assertThat(client.connect().getRestrictions().getMaximumPacketSize()).isEqualTo(750);
        client.publishWith()
                .topic("small/one")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(new byte[10])
                .send();
        client.disconnect();
    }

    @Test
    void anMqtt311PublisherIsDisconnectedAndNeverAcknowledged() throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
                edge.mqttUri(), "v311-publisher", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(options);

        assertThatThrownBy(() -> client.publish("big/one", TOO_LARGE_FOR_KAFKA, 1, false))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_CONNECTION_LOST));
        assertThat(client.isConnected()).isFalse();
        client.close();
    }
}
