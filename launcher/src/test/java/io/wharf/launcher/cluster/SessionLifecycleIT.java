package io.wharf.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.launcher.WharfProcess;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after clients leave, cluster-wide: the router publishes wills when an edge dies or a
 * delay ends, and removes sessions whose expiry has passed.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class SessionLifecycleIT {

    private static final Logger log = LoggerFactory.getLogger(SessionLifecycleIT.class);
    private static final Duration WAIT = Duration.ofSeconds(40);

    private TestKafka kafka;
    private WharfTopics topics;
    private MqttEdge edge;
    private KafkaRouter router;
    private final List<String> wills = new CopyOnWriteArrayList<>();
    private Mqtt5BlockingClient watcher;

    @BeforeAll
    void startClusterPart(TestKafka kafka) {
        this.kafka = kafka;
        topics = new WharfTopics("wills-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        edge = MqttEdge.start(EdgeSettings.forLocalKafka("edge-b", kafka.bootstrapServers(), topics));
        router = KafkaRouter.start(new RouterSettings(
                kafka.bootstrapServers(),
                topics,
                TestDirectories.newDirectory("router"),
                Duration.ofSeconds(6),
                Map.of()));
        watcher = client(edge.mqttPort(), "will-watcher");
        watcher.connect();
        watcher.toAsync()
                .subscribeWith()
                .topicFilter("wills/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(
                        p -> wills.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();
    }

    @AfterAll
    void stop() {
        watcher.disconnect();
        edge.close();
        router.close();
    }

    @Test
    void theWillOfAClientOfAKilledEdgeIsPublishedOnce() throws Exception {
        int port = FreePorts.onLoopback();
        try (WharfProcess edgeA = WharfProcess.start(WharfProcess.command(
                // no credentials: anonymous clients must be allowed explicitly beside an external Kafka or a config
                // file
                "--allow-anonymous", "true",
                "--kafka", kafka.bootstrapServers(),
                "--topic-prefix", topics.prefix(),
                "--node-id", "edge-a",
                "--mqtt-port", String.valueOf(port),
                "--http-port", "-1",
                "--data-dir", TestDirectories.newDirectory("edge-a").toString()))) {
            Mqtt5BlockingClient doomed = client(port, "doomed");
            doomed.connectWith()
                    .sessionExpiryInterval(60)
                    .willPublish()
                    .topic("wills/doomed")
                    .payload("lost".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish()
                    .send();
            // The will reaches Kafka with the session's first stored state.
            KafkaRecords.readUntil(
                    kafka.bootstrapServers(),
                    topics.sessions().name(),
                    record -> "doomed".equals(text(record.key()))
                            && text(record.value()).contains("wills/doomed"),
                    WAIT);

            long killedAt = System.nanoTime();
            edgeA.kill();

            await().atMost(WAIT).untilAsserted(() -> assertThat(wills).contains("wills/doomed lost"));
            log.info(
                    "The will of a client of the killed edge arrived {} ms after the kill",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(wills).containsOnlyOnce("wills/doomed lost"));
        }
    }

    @Test
    void aDelayedWillIsPublishedByTheRouterWhenTheDelayEnds() {
        Mqtt5BlockingClient client = client(edge.mqttPort(), "delayed");
        client.connectWith()
                .sessionExpiryInterval(60)
                .willPublish()
                .topic("wills/delayed")
                .payload("late".getBytes(StandardCharsets.UTF_8))
                .delayInterval(3)
                .applyWillPublish()
                .send();
        client.disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .send();

        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(wills).doesNotContain("wills/delayed late"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(wills).contains("wills/delayed late"));
    }

    @Test
    void aDelayedWillIsNotPublishedWhenTheClientComesBackInTime() {
        Mqtt5BlockingClient client = client(edge.mqttPort(), "returning");
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(60)
                .willPublish()
                .topic("wills/returning")
                .payload("never".getBytes(StandardCharsets.UTF_8))
                .delayInterval(4)
                .applyWillPublish()
                .send();
        client.disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .send();
        client.connectWith().cleanStart(false).sessionExpiryInterval(60).send();

        await().during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(wills).doesNotContain("wills/returning never"));
        client.disconnect();
    }

    @Test
    void anExpiredSessionIsRemovedFromKafkaAndANewConnectionFindsNone() {
        Mqtt5BlockingClient client = client(edge.mqttPort(), "short-lived");
        client.connectWith().cleanStart(false).sessionExpiryInterval(2).send();
        client.subscribeWith().topicFilter("short/lived").send();
        client.disconnect();

        KafkaRecords.readUntil(
                kafka.bootstrapServers(),
                topics.sessions().name(),
                record -> "short-lived".equals(text(record.key())) && record.value() == null,
                WAIT);
        assertThat(client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(2)
                        .send()
                        .isSessionPresent())
                .isFalse();
        client.disconnect();
    }

    private static Mqtt5BlockingClient client(int port, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
