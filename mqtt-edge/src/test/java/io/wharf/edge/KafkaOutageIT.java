package io.wharf.edge;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.wharf.testing.KafkaProcess;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TrafficLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka goes away for a minute under persistent QoS 1 and QoS 2 traffic from MQTT 3.1.1 (Paho,
 * no automatic reconnect) and MQTT 5 (HiveMQ) publishers and a persistent subscriber: once killed
 * and restarted, once frozen (its requests hang rather than fail). Clients stay connected, their
 * messages wait and are acknowledged once Kafka has them, nothing acknowledged is lost and no QoS
 * 2 message arrives twice. A QoS 2 publisher whose session ends with its connection (its messages
 * go to the log alone) and a QoS 0 publisher (whose messages are dropped and counted meanwhile)
 * come along.
 */
@Timeout(330)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaOutageIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutageIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(50);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(30);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private static KafkaProcess kafka;
    private static RunningEdge edge;

    @BeforeAll
    static void startKafkaAndEdge() {
        kafka = KafkaProcess.start("kafka-outage");
        edge = RunningEdge.start(kafka);
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void clientsRideOutAKilledAndRestartedBrokerWithoutLosingAnythingAcknowledged() throws Exception {
        rideOut("killed", kafka::kill, kafka::start);
    }

    @Test
    @Order(2)
    void clientsRideOutAFrozenBrokerWithoutLosingAnythingAcknowledged() throws Exception {
        rideOut("frozen", kafka::freeze, kafka::thaw);
    }

    private void rideOut(String run, Runnable outage, Runnable recovery) throws Exception {
        String base = "outage/" + run + "/";
        TrafficLedger qos1 = new TrafficLedger(1);
        TrafficLedger qos2 = new TrafficLedger(2);
        TrafficLedger qos2Transient = new TrafficLedger(2);
        TrafficLedger qos0 = new TrafficLedger(0);
        AtomicInteger disconnects = new AtomicInteger();
        Mqtt5AsyncClient subscriber = hivemq(run + "-subscriber", disconnects);
        subscriber
                .subscribeWith()
                .topicFilter(base + "#")
                .qos(MqttQos.EXACTLY_ONCE)
                .callback(publish -> {
                    String topic = publish.getTopic().toString();
                    TrafficLedger ledger = topic.endsWith("/q0")
                            ? qos0
                            : topic.endsWith("/q1") ? qos1 : topic.contains("/transient/") ? qos2Transient : qos2;
                    ledger.received(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
                })
                .send()
                .get(30, TimeUnit.SECONDS);
        double droppedBefore = droppedQos0();
        Publisher qos0Publisher = new PahoPublisher(paho(run + "-v3-q0", disconnects), base + "v3/q0", 0, qos0);
        List<Publisher> publishers = new ArrayList<>();
        publishers.add(new PahoPublisher(paho(run + "-v3-q1", disconnects), base + "v3/q1", 1, qos1));
        publishers.add(
                new HivemqPublisher(hivemq(run + "-v5-q1", disconnects), base + "v5/q1", MqttQos.AT_LEAST_ONCE, qos1));
        // A session that ends with its connection: its QoS 2 messages go to the log alone.
        publishers.add(new HivemqPublisher(
                hivemq(run + "-v5-q2-transient", disconnects, 0),
                base + "transient/v5/q2",
                MqttQos.EXACTLY_ONCE,
                qos2Transient));
        publishers.add(new PahoPublisher(paho(run + "-v3-q2", disconnects), base + "v3/q2", 2, qos2));
        publishers.add(
                new HivemqPublisher(hivemq(run + "-v5-q2", disconnects), base + "v5/q2", MqttQos.EXACTLY_ONCE, qos2));
        ScheduledExecutorService traffic = Executors.newScheduledThreadPool(1);
        AtomicLong sequence = new AtomicLong();
        traffic.scheduleAtFixedRate(
                () -> {
                    long n = sequence.incrementAndGet();
                    publishers.forEach(publisher -> publisher.publish(run + "-" + publisher.topic() + "-" + n));
                    qos0Publisher.publish(run + "-" + qos0Publisher.topic() + "-" + n);
                },
                0,
                PUBLISH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        SoftAssertions softly = new SoftAssertions();
        try {
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> publishers.stream().allMatch(p -> p.lastAckNanos() > 0));
            } catch (ConditionTimeoutException e) {
                softly.fail("not acknowledged before the outage: "
                        + publishers.stream()
                                .filter(p -> p.lastAckNanos() == 0)
                                .map(Publisher::topic)
                                .toList());
            }
            log.info("Outage ({}): Kafka goes away for {} s", run, OUTAGE.toSeconds());
            outage.run();
            Thread.sleep(OUTAGE.toMillis()); // the outage itself: there is nothing to wait for
            recovery.run();
            long back = System.nanoTime();
            log.info("Outage ({}): Kafka is back", run);
            try {
                await().atMost(RESUME_WITHIN).until(() -> publishers.stream().allMatch(p -> p.lastAckNanos() > back));
                System.out.printf(
                        "KafkaOutageIT %s: every publisher acknowledged again %.1f s after Kafka's return%n",
                        run, (System.nanoTime() - back) / 1e9);
            } catch (ConditionTimeoutException e) {
                softly.fail(
                        "publishing did not resume within " + RESUME_WITHIN.toSeconds() + " s of Kafka's return for "
                                + publishers.stream()
                                        .filter(p -> p.lastAckNanos() <= back)
                                        .map(Publisher::topic)
                                        .toList());
            }
            Thread.sleep(5000); // some traffic after the recovery too
            traffic.shutdown();
            traffic.awaitTermination(10, TimeUnit.SECONDS);
            try {
                await().atMost(SETTLE_TIMEOUT).until(() -> qos1.settled() && qos2.settled() && qos2Transient.settled());
            } catch (ConditionTimeoutException e) {
                log.warn("Outage ({}): traffic did not settle within {} s", run, SETTLE_TIMEOUT.toSeconds());
            }
            System.out.printf(
                    "KafkaOutageIT %s: QoS 0 sent %d, received %d; QoS 1 %s; QoS 2 (persistent sessions) %s; QoS 2 (session ends with connection) %s; disconnects %d%n",
                    run,
                    qos0.sentCount(),
                    qos0.receivedCount(),
                    qos1.report(),
                    qos2.report(),
                    qos2Transient.report(),
                    disconnects.get());
            softly.assertThat(disconnects.get()).as("clients disconnected").isZero();
            softly.assertThat(droppedQos0())
                    .as("QoS 0 messages dropped and counted while Kafka was away")
                    .isGreaterThan(droppedBefore);
            assertKept(softly, "QoS 1", qos1, false);
            assertKept(softly, "QoS 2", qos2, true);
            assertKept(softly, "QoS 2 (session ends with its connection)", qos2Transient, true);
            softly.assertAll();
        } finally {
            traffic.shutdownNow();
            disconnects.set(Integer.MIN_VALUE); // the clients' own disconnects below do not count
            publishers.forEach(Publisher::close);
            qos0Publisher.close();
            subscriber.disconnect();
        }
    }

    /** The edge's count of QoS 0 messages it dropped because Kafka could not take them. */
    private static double droppedQos0() throws Exception {
        return edge.counter("wharf_messages_dropped_total", "reason", "kafka-unavailable");
    }

    private static MqttAsyncClient paho(String clientId, AtomicInteger disconnects) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(edge.mqttUri(), clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.warn("{} lost its connection: {}", clientId, cause.toString());
                disconnects.incrementAndGet();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(65_535);
        client.connect(options).waitForCompletion(30_000);
        return client;
    }

    private static Mqtt5AsyncClient hivemq(String clientId, AtomicInteger disconnects) throws Exception {
        return hivemq(clientId, disconnects, 600);
    }

    private static Mqtt5AsyncClient hivemq(String clientId, AtomicInteger disconnects, long sessionExpirySeconds)
            throws Exception {
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .addDisconnectedListener(context -> {
                    log.warn("{} disconnected: {}", clientId, context.getCause().toString());
                    disconnects.incrementAndGet();
                })
                .buildAsync();
        client.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(sessionExpirySeconds)
                .send()
                .get(30, TimeUnit.SECONDS);
        return client;
    }

    /** Nothing acknowledged lost, at least 90 % acknowledged, and, for QoS 2, nothing delivered twice. */
    private static void assertKept(SoftAssertions softly, String which, TrafficLedger ledger, boolean exactlyOnce) {
        softly.assertThat(ledger.lost())
                .as("acknowledged %s messages never delivered", which)
                .isEmpty();
        if (exactlyOnce) {
            // Each duplicate with the number of times it is in the log: twice there means it was
            // stored twice, once there means it was delivered twice.
            softly.assertThat(timesInTheLog(ledger.duplicated()))
                    .as("%s messages delivered twice", which)
                    .isEmpty();
        }
        softly.assertThat(ledger.acknowledgedCount())
                .as("%s messages acknowledged of %d sent", which, ledger.sentCount())
                .isGreaterThanOrEqualTo(ledger.sentCount() * 9 / 10);
    }

    private static Map<String, Long> timesInTheLog(List<String> payloads) {
        if (payloads.isEmpty()) {
            return Map.of();
        }
        List<String> logged = KafkaRecords.readCommitted(
                        kafka.bootstrapServers(), edge.topics().messages().name(), Duration.ofSeconds(30))
                .stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .toList();
        Map<String, Long> times = new TreeMap<>();
        for (String payload : payloads) {
            times.put(
                    payload,
                    logged.stream().filter(value -> value.contains(payload)).count());
        }
        return times;
    }

    private interface Publisher {
        String topic();

        void publish(String payload);

        long lastAckNanos();

        void close();
    }

    private record PahoPublisher(
            MqttAsyncClient client, String topic, int qos, TrafficLedger ledger, AtomicLong lastAck)
            implements Publisher {

        PahoPublisher(MqttAsyncClient client, String topic, int qos, TrafficLedger ledger) {
            this(client, topic, qos, ledger, new AtomicLong());
        }

        @Override
        public void publish(String payload) {
            ledger.sent();
            try {
                client.publish(
                        topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, null, new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                ledger.acknowledged(payload);
                                lastAck.set(System.nanoTime());
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable error) {
                                ledger.failed();
                            }
                        });
            } catch (Exception e) {
                ledger.failed();
            }
        }

        @Override
        public long lastAckNanos() {
            return lastAck.get();
        }

        @Override
        public void close() {
            try {
                client.disconnect().waitForCompletion(10_000);
                client.close();
            } catch (Exception e) {
                log.debug("Closing {}: {}", client.getClientId(), e.toString());
            }
        }
    }

    private record HivemqPublisher(
            Mqtt5AsyncClient client, String topic, MqttQos qos, TrafficLedger ledger, AtomicLong lastAck)
            implements Publisher {

        HivemqPublisher(Mqtt5AsyncClient client, String topic, MqttQos qos, TrafficLedger ledger) {
            this(client, topic, qos, ledger, new AtomicLong());
        }

        @Override
        public void publish(String payload) {
            ledger.sent();
            client.publishWith()
                    .topic(topic)
                    .qos(qos)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send()
                    .whenComplete((result, error) -> {
                        if (error == null && result.getError().isEmpty()) {
                            ledger.acknowledged(payload);
                            lastAck.set(System.nanoTime());
                        } else {
                            ledger.failed();
                        }
                    });
        }

        @Override
        public long lastAckNanos() {
            return lastAck.get();
        }

        @Override
        public void close() {
            client.disconnect();
        }
    }
}
