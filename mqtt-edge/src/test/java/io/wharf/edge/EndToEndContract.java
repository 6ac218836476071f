package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.schemas.MessageHeaders;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first end-to-end path, MQTT to Kafka to MQTT, with real clients. Subclasses run it against
 * each kind of real Kafka.
 */
@Timeout(120)
abstract class EndToEndContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private RunningEdge edge;

    abstract TestKafka kafka();

    @BeforeEach
    void startEdge() {
        MosquittoClients.requireInstalled();
        edge = RunningEdge.start(kafka());
    }

    @AfterEach
    void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void mosquittoPubReachesMosquittoSubThroughKafka() {
        try (MosquittoClients.Subscriber sub =
                MosquittoClients.subscribe(edge.mqttPort(), "sensors/+/temperature", "-q", "1")) {
            MosquittoClients.CommandResult pub =
                    MosquittoClients.publish(edge.mqttPort(), "sensors/kitchen/temperature", "21.5", "-q", "1");
            assertThat(pub.exitCode()).as(pub.output()).isZero();

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(sub.messages())
                            .as(sub.transcript())
                            .containsExactly("sensors/kitchen/temperature 21.5"));
        }
    }

    @Test
    void mqtt5ClientsExchangeMessagesToo() {
        try (MosquittoClients.Subscriber sub =
                MosquittoClients.subscribe(edge.mqttPort(), "plant/#", "-V", "mqttv5", "-q", "1")) {
            MosquittoClients.CommandResult pub = MosquittoClients.publish(
                    edge.mqttPort(), "plant/line1/status", "running", "-V", "mqttv5", "-q", "1");
            assertThat(pub.exitCode()).as(pub.output()).isZero();

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(sub.messages())
                            .as(sub.transcript())
                            .containsExactly("plant/line1/status running"));
        }
    }

    @Test
    void aPublishedMessageIsAKafkaRecordKeyedByTopicWithThePayloadUntouched() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0xff, 'x'};
        MqttClient publisher = connect("publisher-1");
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        publisher.publish("devices/42/telemetry", message); // returns after PUBACK
        publisher.disconnect();
        publisher.close();

        List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.readUntil(
                edge.kafkaBootstrap(), edge.topics().messages().name(), record -> true, WAIT);
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("devices/42/telemetry");
        assertThat(record.value()).isEqualTo(payload);
        assertThat(header(record, MessageHeaders.QOS)).isEqualTo("1");
        assertThat(header(record, MessageHeaders.CLIENT_ID)).isEqualTo("publisher-1");
    }

    @Test
    void aRecordFromAPlainKafkaProducerReachesTheMqttSubscriber() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = connect("subscriber-1");
        subscriber.subscribe(
                "commands/device-7",
                1,
                (topic, message) ->
                        received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));

        KafkaRecords.write(
                edge.kafkaBootstrap(),
                new ProducerRecord<>(
                        edge.topics().messages().name(),
                        "commands/device-7".getBytes(StandardCharsets.UTF_8),
                        "reboot".getBytes(StandardCharsets.UTF_8)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("commands/device-7 reboot"));
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void aMessagePublishedAfterSubackAlwaysArrives() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = connect("subscriber-2");
        MqttClient publisher = connect("publisher-2");
        for (int i = 0; i < 20; i++) {
            String topic = "exact/" + i;
            subscriber.subscribe(topic, 1, (t, m) -> received.add(t));
            publisher.publish(topic, new MqttMessage(new byte[] {1}));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(20));
        publisher.disconnect();
        subscriber.disconnect();
    }

    private MqttClient connect(String clientId) throws Exception {
        MqttClient client = new MqttClient(edge.mqttUri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(options);
        return client;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
