package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.RunningEdge;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A persistent session's messages wait in Kafka while the client is away, and arrive when it is back. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class OfflineQueueIT {

    private final TestKafka kafka;
    private RunningEdge edge;

    OfflineQueueIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void startEdge() {
        edge = RunningEdge.start(kafka);
    }

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    @Test
    void messagesPublishedWhileAPersistentSubscriberIsAwayArriveInOrderWhenItReconnects() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = client("offline-subscriber");
        subscriber.connect(options(false));
        subscriber.subscribe("queue/#", 1);
        subscriber.disconnect();

        MqttClient publisher = client("publisher");
        publisher.connect(options(true));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String payload = "m" + i;
            sent.add("queue/a " + payload);
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            publisher.publish("queue/a", message);
        }
        publisher.disconnect();

        subscriber.setCallback(new Collecting(received));
        subscriber.connect(options(false));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(received).containsExactlyElementsOf(sent));
        subscriber.disconnect();
    }

    @Test
    void aRetainedMessageReachesALaterSubscriberWithTheRetainFlag() throws Exception {
        MqttClient publisher = client("retainer");
        publisher.connect(options(true));
        MqttMessage message = new MqttMessage("on".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(true);
        publisher.publish("lights/hall", message);
        publisher.disconnect();

        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = client("late-subscriber");
        subscriber.connect(options(true));
        subscriber.subscribe(
                "lights/+",
                1,
                (topic, m) -> received.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)
                        + " retained=" + m.isRetained()));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(received).containsExactly("lights/hall on retained=true"));
        subscriber.disconnect();
    }

    private MqttClient client(String id) throws Exception {
        return new MqttClient(edge.mqttUri(), id, new MemoryPersistence());
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return options;
    }

    private record Collecting(List<String> received) implements org.eclipse.paho.client.mqttv3.MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
    }
}
