package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A will the router publishes on a mapped topic reaches that topic's subscribers, as any PUBLISH does. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MappedWillIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private EdgeCluster cluster;
    private KafkaRouter router;

    @BeforeAll
    void start(TestKafka kafka) {
        cluster = EdgeCluster.start(
                kafka,
                2,
                ProtocolSettings.defaults(),
                prefix -> List.of(new MappingRule(
                        TopicFilter.parse("devices/#"), prefix + "device-data", 3, (short) 0, Duration.ofDays(1), 2)));
        router = KafkaRouter.start(new RouterSettings(
                        kafka.bootstrapServers(),
                        cluster.topics(),
                        TestDirectories.newDirectory("router"),
                        Duration.ofSeconds(6),
                        Map.of())
                .withMapping(cluster.mapping()));
    }

    @AfterAll
    void stop() {
        router.close();
        cluster.close();
    }

    @Test
    void aDelayedWillOnAMappedTopicReachesASubscriberOnAnotherEdge() {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = client(1, "status-watcher");
        subscriber.connect();
        subscriber
                .toAsync()
                .subscribeWith()
                .topicFilter("devices/+/status")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p ->
                        received.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();

        Mqtt5BlockingClient device = client(0, "device-42");
        device.connectWith()
                .sessionExpiryInterval(60)
                .willPublish()
                .topic("devices/42/status")
                .payload("offline".getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE)
                .delayInterval(1)
                .applyWillPublish()
                .send();
        device.disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .send();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("devices/42/status offline"));
        subscriber.disconnect();
    }

    private Mqtt5BlockingClient client(int edge, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(edge).mqttPort())
                .buildBlocking();
    }
}
