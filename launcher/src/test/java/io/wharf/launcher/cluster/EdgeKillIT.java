package io.wharf.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.launcher.WharfProcess;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An edge process killed with SIGKILL, as a crash would: the wills of its clients reach subscribers
 * on the other edges, on mapped topics too, and when the edge comes straight back under the same
 * node id, its earlier process's clients are treated as a dead edge's, and they get back in at once.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class EdgeKillIT {

    private static final Logger log = LoggerFactory.getLogger(EdgeKillIT.class);
    /** Well under the minute in which the field saw nothing. */
    private static final Duration WILL_WAIT = Duration.ofSeconds(30);
    /** Well under the 10 s an edge waits for a live previous owner's hand-over. */
    private static final Duration CONNACK_WAIT = Duration.ofSeconds(5);

    private TestKafka kafka;
    private WharfTopics topics;
    private List<MappingRule> mapping;
    private Path config;
    private MqttEdge otherEdge;
    private KafkaRouter router;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Mqtt5BlockingClient watcher;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        this.kafka = kafka;
        topics = new WharfTopics("kill-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        mapping = List.of(new MappingRule(
                TopicFilter.parse("devices/#"), topics.prefix() + "device-data", 3, (short) 0, Duration.ofDays(1), 2));
        TopicProvisioner.ensure(
                kafka.bootstrapServers(),
                Map.of(),
                topics,
                TopicLayout.defaults(),
                mapping,
                TopicProvisioner.DEFAULT_TIMEOUT);
        config = TestDirectories.newDirectory("kill-config").resolve("wharf.yml");
        Files.writeString(
                config,
                "mapping:\n"
                        + "  - filter: devices/#\n"
                        + "    topic: " + topics.prefix() + "device-data\n"
                        + "    partitions: 3\n"
                        + "    retention: 1d\n"
                        + "    key-levels: 2\n");
        otherEdge = startEdge("edge-b");
        router = KafkaRouter.start(new RouterSettings(
                        kafka.bootstrapServers(),
                        topics,
                        TestDirectories.newDirectory("router"),
                        Duration.ofSeconds(6),
                        Map.of())
                .withMapping(mapping));
        watcher = client(otherEdge.mqttPort(), "watcher");
        watcher.connect();
        // Only a mapped filter: this edge then reads nothing but the mapped topic, as in the field.
        watcher.toAsync()
                .subscribeWith()
                .topicFilter("devices/+/status")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p ->
                        received.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();
    }

    @AfterAll
    void stop() {
        watcher.disconnect();
        otherEdge.close();
        router.close();
    }

    @Test
    void theWillOfAKilledEdgesClientOnAMappedTopicReachesASubscriberOnAnotherEdge() throws Exception {
        int port = FreePorts.onLoopback();
        try (WharfProcess edgeA = startProcess("edge-a", port)) {
            Mqtt5BlockingClient device = client(port, "device-42");
            device.connectWith()
                    .sessionExpiryInterval(60)
                    .willPublish()
                    .topic("devices/42/status")
                    .payload(bytes("offline"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish()
                    .send();
            awaitStored("device-42", "devices/42/status");

            long killedAt = System.nanoTime();
            edgeA.kill();

            await().atMost(WILL_WAIT).untilAsserted(() -> assertThat(received).contains("devices/42/status offline"));
            log.info(
                    "The will on a mapped topic arrived {} ms after the kill",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        }
    }

    @Test
    void anEdgeRestartedAtOnceUnderItsNodeIdHasItsEarlierClientsWillsPublishedAndTheirSessionsBackAtOnce()
            throws Exception {
        int port = FreePorts.onLoopback();
        try (WharfProcess first = startProcess("edge-x", port)) {
            Mqtt5BlockingClient returning = client(port, "returning");
            returning
                    .connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .willPublish()
                    .topic("devices/7/status")
                    .payload(bytes("lost"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish()
                    .send();
            returning
                    .subscribeWith()
                    .topicFilter("orders/returning")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Mqtt5BlockingClient gone = client(port, "gone");
            gone.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .willPublish()
                    .topic("devices/8/status")
                    .payload(bytes("gone"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish()
                    .send();
            awaitStored("returning", "orders/returning");
            awaitStored("gone", "devices/8/status");

            long killedAt = System.nanoTime();
            first.kill();
            MqttEdge restarted = startEdge("edge-x");
            try {
                log.info(
                        "Edge edge-x back {} ms after the kill",
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
                List<String> delivered = new CopyOnWriteArrayList<>();
                Mqtt5AsyncClient back =
                        client(restarted.mqttPort(), "returning").toAsync();
                back.publishes(
                        MqttGlobalPublishFilter.ALL,
                        p -> delivered.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
                long connectingAt = System.nanoTime();
                Mqtt5ConnAck connAck = back.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(300)
                        .send()
                        .get(CONNACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                log.info(
                        "The returning client had its CONNACK from the restarted edge in {} ms",
                        Duration.ofNanos(System.nanoTime() - connectingAt).toMillis());
                assertThat(connAck.isSessionPresent()).isTrue();

                // Both connections of the earlier process ended abnormally: the one of the client that stays
                // away, and the one the returning client lost (MQTT-3.1.3-9), though the client is back.
                await().atMost(WILL_WAIT)
                        .untilAsserted(
                                () -> assertThat(received).contains("devices/8/status gone", "devices/7/status lost"));
                log.info(
                        "The wills of the earlier process's clients arrived {} ms after the kill",
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());

                watcher.publishWith()
                        .topic("orders/returning")
                        .payload(bytes("after-restart"))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                await().atMost(WILL_WAIT)
                        .untilAsserted(() -> assertThat(delivered).contains("after-restart"));
                back.disconnect().join();
            } finally {
                restarted.close();
            }
        }
    }

    private MqttEdge startEdge(String nodeId) {
        return MqttEdge.start(EdgeSettings.forLocalKafka(nodeId, kafka.bootstrapServers(), topics)
                .withMapping(mapping));
    }

    private WharfProcess startProcess(String nodeId, int port) throws Exception {
        return WharfProcess.start(WharfProcess.command(
                // no credentials: anonymous clients must be allowed explicitly beside an external Kafka or a config
                // file
                "--allow-anonymous", "true",
                "--config", config.toString(),
                "--kafka", kafka.bootstrapServers(),
                "--topic-prefix", topics.prefix(),
                "--node-id", nodeId,
                "--mqtt-port", String.valueOf(port),
                "--http-port", "-1",
                "--data-dir", TestDirectories.newDirectory(nodeId).toString()));
    }

    /** Waits until a stored state of the client's session mentions {@code fragment}: its will's topic, or a subscription. */
    private void awaitStored(String clientId, String fragment) {
        KafkaRecords.readUntil(
                kafka.bootstrapServers(),
                topics.sessions().name(),
                record -> clientId.equals(text(record.key()))
                        && text(record.value()).contains(fragment),
                WILL_WAIT);
    }

    private static Mqtt5BlockingClient client(int port, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
