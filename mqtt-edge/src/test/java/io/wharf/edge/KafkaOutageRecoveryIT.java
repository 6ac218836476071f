package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaProcess;
import io.wharf.testing.KafkaRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * An edge whose Kafka goes away for a while, killed or frozen (requests hang), and comes back: the
 * edge reports itself not ready meanwhile, answers new clients that it is unavailable, keeps its
 * clients connected, and afterwards goes on by itself without losing or doubling a QoS 2 message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class KafkaOutageRecoveryIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SERVER_UNAVAILABLE_5 = 0x88;
    private static final int SERVER_UNAVAILABLE_311 = 0x03;

    private KafkaProcess kafka;
    private WharfTopics topics;
    private MqttEdge edge;

    @BeforeAll
    void start() {
        kafka = KafkaProcess.start("kafka-outage");
        topics = new WharfTopics("outage-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        // A broker process that has just opened its port may take a while to answer on a busy machine.
        TopicProvisioner.ensure(kafka.bootstrapServers(), Map.of(), topics, TopicLayout.defaults(), WAIT);
        edge = MqttEdge.start(EdgeSettings.forLocalKafka("edge-outage", kafka.bootstrapServers(), topics));
    }

    @AfterAll
    void stop() {
        if (edge != null) {
            edge.close();
        }
        kafka.close();
    }

    @Test
    void theEdgeRidesOutAKilledKafkaAndGoesOnByItself() throws Exception {
        rideOut("killed", kafka::kill, kafka::start);
    }

    @Test
    void theEdgeRidesOutAFrozenKafkaAndGoesOnByItself() throws Exception {
        rideOut("frozen", kafka::freeze, kafka::thaw);
    }

    private void rideOut(String name, Runnable fault, Runnable recovery) throws Exception {
        String prefix = "outage/" + name + "/";
        List<String> live = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient subscriber = client("subscriber-" + name).toAsync();
        subscriber.connectWith().cleanStart(true).send().join();
        subscriber.publishes(
                MqttGlobalPublishFilter.ALL, publish -> live.add(publish.getTopic() + " " + text(publish)));
        subscriber
                .subscribeWith()
                .topicFilter(prefix + "live/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .join();
        String queuedId = "queued-" + name;
        Mqtt5BlockingClient queued = client(queuedId);
        queued.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        queued.subscribeWith()
                .topicFilter(prefix + "queued")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        queued.disconnect();
        publishQos1(prefix + "queued", "queued-before");
        Qos2Publisher qos2 = new Qos2Publisher(client("qos2-" + name).toAsync(), prefix + "qos2");
        qos2.start();
        assertThat(readiness()).isEqualTo(200);

        fault.run();
        long recoverAt = System.nanoTime() + OUTAGE.toNanos();
        try {
            await().atMost(WAIT).until(() -> readiness() == 503);
            // A CONNECT needs Kafka for its session; it is answered within the connect timeout.
            try (RawMqttClient refused = RawMqttClient.open5(edge.mqttPort())) {
                refused.send(Wire.connect5(
                        queuedId,
                        false,
                        0,
                        Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(300)));
                assertThat(refused.expect(Packet.CONNACK).reasonCode()).isEqualTo(SERVER_UNAVAILABLE_5);
            }
            try (RawMqttClient refused = RawMqttClient.open(edge.mqttPort())) {
                refused.send(Wire.connect311("refused-311-" + name, false, 0));
                assertThat(refused.expect(Packet.CONNACK).reasonCode()).isEqualTo(SERVER_UNAVAILABLE_311);
            }
            long left = recoverAt - System.nanoTime();
            if (left > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left)); // the outage lasts what it lasts
            }
        } finally {
            recovery.run();
        }

        await().atMost(WAIT).until(() -> readiness() == 200);
        qos2.stopAndAwaitOutcomes(WAIT);
        qos2.publish("after-" + name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(subscriber.getState().isConnected()).isTrue();
        publishQos1(prefix + "live/after", "live-after");
        await().atMost(WAIT).until(() -> live.contains(prefix + "live/after live-after"));

        // A will of a client that drops now is published.
        subscriber
                .subscribeWith()
                .topicFilter(prefix + "will")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send()
                .join();
        try (RawMqttClient dropping = RawMqttClient.open(edge.mqttPort())) {
            dropping.send(connect311WithWill("will-" + name, prefix + "will", "gone"));
            assertThat(dropping.expect(Packet.CONNACK).reasonCode()).isZero();
            dropping.abort();
        }
        await().atMost(WAIT).until(() -> live.contains(prefix + "will gone"));

        // The persistent client refused during the outage gets its session and what was queued for it.
        publishQos1(prefix + "queued", "queued-after");
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient back = client(queuedId);
        Mqtt5AsyncClient backAsync = back.toAsync();
        backAsync.publishes(MqttGlobalPublishFilter.ALL, publish -> received.add(text(publish)));
        Mqtt5ConnAck connAck =
                back.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
        assertThat(connAck.isSessionPresent()).isTrue();
        await().atMost(WAIT).until(() -> received.containsAll(List.of("queued-before", "queued-after")));
        back.disconnect();

        // Every QoS 2 message the edge acknowledged is in Kafka exactly once, and none twice.
        Map<String, Long> stored = committedPayloads(prefix + "qos2");
        assertThat(qos2.acknowledged()).isNotEmpty();
        for (String payload : qos2.acknowledged()) {
            assertThat(stored.get(payload)).as("copies of %s in Kafka", payload).isEqualTo(1L);
        }
        assertThat(stored.values()).allMatch(copies -> copies == 1L);
        assertThat(liveThreadNames())
                .contains(
                        "wharf-transactional-writer",
                        "wharf-message-feed",
                        "wharf-session-directory",
                        "wharf-edge-liveness",
                        "wharf-heartbeat");
        qos2.client.disconnect().join();
        subscriber.disconnect().join();
    }

    /** Publishes numbered QoS 2 messages from a persistent session, one every 50 ms, without waiting for each. */
    private final class Qos2Publisher {

        private final Mqtt5AsyncClient client;
        private final String topic;
        private final Map<String, CompletableFuture<Mqtt5PublishResult>> sent = new ConcurrentHashMap<>();
        private final Thread thread = new Thread(this::run, "qos2-publisher");
        private volatile boolean running = true;

        Qos2Publisher(Mqtt5AsyncClient client, String topic) {
            this.client = client;
            this.topic = topic;
        }

        void start() {
            client.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send()
                    .join();
            thread.start();
        }

        CompletableFuture<Mqtt5PublishResult> publish(String payload) {
            CompletableFuture<Mqtt5PublishResult> result = client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send();
            sent.put(payload, result);
            return result;
        }

        private void run() {
            for (int i = 0; running; i++) {
                publish("m-" + i);
                try {
                    Thread.sleep(50); // a steady stream, not a test's wait
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndAwaitOutcomes(Duration timeout) throws InterruptedException {
            running = false;
            thread.join();
            await().atMost(timeout).until(() -> sent.values().stream().allMatch(CompletableFuture::isDone));
        }

        /** The messages that got PUBREC (and PUBCOMP) with success. */
        List<String> acknowledged() {
            List<String> done = new ArrayList<>();
            sent.forEach((payload, result) -> {
                if (result.isDone()
                        && !result.isCompletedExceptionally()
                        && result.join().getError().isEmpty()) {
                    done.add(payload);
                }
            });
            return done;
        }
    }

    private Mqtt5BlockingClient client(String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
    }

    private void publishQos1(String topic, String payload) {
        Mqtt5BlockingClient publisher = client("publisher-" + UUID.randomUUID());
        publisher.connect();
        publisher
                .publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
        publisher.disconnect();
    }

    private int readiness() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + "/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** How often each payload of the MQTT topic is in the message topic, for a read_committed reader. */
    private Map<String, Long> committedPayloads(String mqttTopic) {
        return KafkaRecords.readCommitted(
                        kafka.bootstrapServers(), topics.messages().name(), WAIT)
                .stream()
                .filter(record ->
                        record.key() != null && mqttTopic.equals(new String(record.key(), StandardCharsets.UTF_8)))
                .collect(Collectors.groupingBy(
                        record -> new String(record.value(), StandardCharsets.UTF_8), Collectors.counting()));
    }

    private static List<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .toList();
    }

    private static byte[] connect311WithWill(String clientId, String topic, String payload) {
        return Wire.of()
                .utf8("MQTT")
                .u8(4)
                .u8(0x02 | 0x04 | 1 << 3)
                .u16(0)
                .utf8(clientId)
                .utf8(topic)
                .binary(payload.getBytes(StandardCharsets.UTF_8))
                .packet(Wire.CONNECT);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
