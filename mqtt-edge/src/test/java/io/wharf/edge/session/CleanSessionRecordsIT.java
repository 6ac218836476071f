package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.RunningEdge;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clean session (expiry 0) ends with its connection, so no later connection continues from what
 * it stored: it writes its claim (who owns the client id) and its end, and nothing while it
 * receives. Sessions topic traffic then grows with persistent sessions only.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class CleanSessionRecordsIT {

    private final TestKafka kafka;
    private RunningEdge edge;
    private KafkaConsumer<byte[], byte[]> sessions;
    private final List<Record> read = new ArrayList<>();

    CleanSessionRecordsIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        edge = RunningEdge.start(kafka);
        sessions = KafkaRecords.committedReader(
                kafka.bootstrapServers(), edge.topics().sessions().name());
    }

    @AfterEach
    void stop() {
        sessions.close();
        edge.close();
    }

    @Test
    void aCleanSessionReceivingQos1MessagesWritesOnlyItsClaimAndItsEnd() throws Exception {
        MqttClient subscriber = new MqttClient(edge.mqttUri(), "clean-records", new MemoryPersistence());
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setCleanSession(true);
        subscriber.connect(clean);
        List<String> received = new CopyOnWriteArrayList<>();
        subscriber.subscribe("clean/records/#", 1, (topic, message) -> received.add(new String(message.getPayload())));

        MqttClient publisher = new MqttClient(edge.mqttUri(), "clean-records-pub", new MemoryPersistence());
        publisher.connect(clean);
        for (int i = 0; i < 20; i++) {
            publisher.publish("clean/records/" + i, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 20);

        // A persistent session opened now stores its state within the checkpoint interval; by the time
        // that record is in the topic, any checkpoint of the clean session (connected for longer,
        // through the same ordered producer) would be there too.
        MqttClient marker = new MqttClient(edge.mqttUri(), "clean-records-marker", new MemoryPersistence());
        MqttConnectOptions persistent = new MqttConnectOptions();
        persistent.setCleanSession(false);
        marker.connect(persistent);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readMore().stream()
                        .anyMatch(record -> record.clientId().equals("clean-records-marker")
                                && record.value().kind() == SessionRecord.Kind.STATE));

        assertThat(kindsOf("clean-records")).containsExactly(SessionRecord.Kind.CLAIM);

        subscriber.disconnect();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            readMore();
            return kindsOf("clean-records").size() > 1;
        });
        assertThat(kindsOf("clean-records")).containsExactly(SessionRecord.Kind.CLAIM, SessionRecord.Kind.STATE);
        Record end = read.stream()
                .filter(record -> record.clientId().equals("clean-records"))
                .toList()
                .get(1);
        assertThat(end.value().connected()).isFalse();
        assertThat(end.value().state()).isNull();

        subscriber.close();
        publisher.disconnect();
        publisher.close();
        marker.disconnect();
        marker.close();
    }

    private List<SessionRecord.Kind> kindsOf(String clientId) {
        return read.stream()
                .filter(record -> record.clientId().equals(clientId))
                .map(record -> record.value().kind())
                .toList();
    }

    /** Reads what is new in the sessions topic; returns everything read so far. */
    private List<Record> readMore() {
        sessions.poll(Duration.ofMillis(200)).forEach(record -> {
            String key = edge.topics().sessions().keySerde().deserializer().deserialize(record.topic(), record.key());
            SessionRecord value =
                    edge.topics().sessions().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (value != null) {
                read.add(new Record(key, value));
            }
        });
        return read;
    }

    private record Record(String clientId, SessionRecord value) {}
}
