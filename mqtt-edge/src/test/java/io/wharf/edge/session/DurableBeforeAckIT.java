package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.RunningEdge;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.schemas.session.SessionState;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the edge acknowledges about a session is in Kafka by the time the client has the
 * acknowledgement: a persistent session's new subscription at SUBACK, a will at CONNACK. An edge
 * that crashes right after loses neither, since the next edge (or the router) reads them there.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class DurableBeforeAckIT {

    private final TestKafka kafka;
    private RunningEdge edge;
    private KafkaConsumer<byte[], byte[]> sessions;
    private List<TopicPartition> partitions;

    DurableBeforeAckIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        edge = RunningEdge.start(kafka);
        sessions = KafkaRecords.committedReader(
                kafka.bootstrapServers(), edge.topics().sessions().name());
        partitions = List.copyOf(sessions.assignment());
    }

    @AfterEach
    void stop() {
        sessions.close();
        edge.close();
    }

    @Test
    void aPersistentSessionsNewSubscriptionIsStoredBeforeItsSuback() throws Exception {
        MqttClient client = new MqttClient(edge.mqttUri(), "durable-subscription", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        client.connect(options);

        client.subscribe("durable/subscription/#", 1);
        Map<TopicPartition, Long> atSubAck = sessions.endOffsets(partitions);

        SessionState stored = lastState("durable-subscription", atSubAck);
        assertThat(stored.subscriptions())
                .extracting(SessionState.Subscription::filter)
                .contains("durable/subscription/#");
        client.disconnect();
        client.close();
    }

    @Test
    void aWillIsStoredBeforeTheConnack() throws Exception {
        MqttClient client = new MqttClient(edge.mqttUri(), "durable-will", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setWill("durable/will", "gone".getBytes(StandardCharsets.UTF_8), 1, false);

        client.connect(options);
        Map<TopicPartition, Long> atConnAck = sessions.endOffsets(partitions);

        SessionState stored = lastState("durable-will", atConnAck);
        assertThat(stored.will()).isNotNull();
        assertThat(stored.will().topic()).isEqualTo("durable/will");
        client.disconnect();
        client.close();
    }

    /** The newest state of the client among the records before {@code end}. */
    private SessionState lastState(String clientId, Map<TopicPartition, Long> end) {
        sessions.seekToBeginning(partitions);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        while (partitions.stream().anyMatch(partition -> sessions.position(partition) < end.get(partition))) {
            sessions.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    read.add(record);
                }
            });
        }
        SessionState last = null;
        for (ConsumerRecord<byte[], byte[]> record : read) {
            String key = edge.topics().sessions().keySerde().deserializer().deserialize(record.topic(), record.key());
            SessionRecord value =
                    edge.topics().sessions().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (clientId.equals(key) && value != null && value.state() != null) {
                last = value.state();
            }
        }
        assertThat(last).as("a stored state of " + clientId).isNotNull();
        return last;
    }
}
