package io.wharf.launcher.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.launcher.WharfProcess;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaClusterExtension;
import io.wharf.testing.KafkaTestCluster;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TrafficLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: three edge processes behind HAProxy over a three-broker Kafka cluster, with QoS 1
 * and 2 publishers and persistent subscribers reconnecting through HAProxy, while one edge is
 * killed, one broker stopped, and every edge drained and restarted in turn. Nothing acknowledged may
 * be lost, no QoS 2 message may arrive twice, every client must be back, and the killed edge's
 * clients' wills must be published once each.
 */
@ExtendWith(KafkaClusterExtension.class)
@Timeout(300)
class FaultSuiteIT {

    private static final Logger log = LoggerFactory.getLogger(FaultSuiteIT.class);
    private static final int EDGES = 3;
    private static final int WILL_CLIENTS = 3;
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(50);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final List<EdgeProcess> edges = new ArrayList<>();
    private final TrafficLedger qos1 = new TrafficLedger(1);
    private final TrafficLedger qos2 = new TrafficLedger(2);
    private final Map<String, Integer> wills = new ConcurrentHashMap<>();
    private final List<TrackedClient> trafficClients = new ArrayList<>();

    @Test
    void nothingAcknowledgedIsLostWhileEdgesDieAndDrainAndABrokerStops(KafkaTestCluster kafka) throws Exception {
        HaproxyProcess.requireInstalled();
        for (int i = 1; i <= EDGES; i++) {
            edges.add(new EdgeProcess("edge-" + i, kafka.bootstrapServers()));
        }
        startAll();
        int frontend = FreePorts.onLoopback();
        try (HaproxyProcess haproxy = HaproxyProcess.start(
                frontend, edges.stream().map(EdgeProcess::backend).toList())) {
            TrackedClient subscriber1 = subscriber("sub-q1", frontend, "fault/q1/#", MqttQos.AT_LEAST_ONCE, qos1);
            TrackedClient subscriber2 = subscriber("sub-q2", frontend, "fault/q2/#", MqttQos.EXACTLY_ONCE, qos2);
            TrackedClient willWatcher = new TrackedClient("will-watcher", frontend);
            willWatcher.connect();
            willWatcher
                    .mqtt()
                    .subscribeWith()
                    .topicFilter("fault/wills/#")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .callback(publish -> wills.merge(publish.getTopic().toString(), 1, Integer::sum))
                    .send()
                    .join();
            trafficClients.addAll(List.of(subscriber1, subscriber2, willWatcher));
            connectWillClients(edges.get(0));

            TrackedClient publisher1 = publisher("pub-q1", frontend);
            TrackedClient publisher2 = publisher("pub-q2", frontend);
            AtomicBoolean publishing = new AtomicBoolean(true);
            ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2);
            AtomicLong sequence = new AtomicLong();
            traffic.scheduleAtFixedRate(
                    () -> {
                        if (publishing.get()) {
                            long n = sequence.incrementAndGet();
                            publish(publisher1, "fault/q1/" + n % 4, "q1-" + n, MqttQos.AT_LEAST_ONCE, qos1);
                            publish(publisher2, "fault/q2/" + n % 4, "q2-" + n, MqttQos.EXACTLY_ONCE, qos2);
                        }
                    },
                    0,
                    PUBLISH_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);

            pause(Duration.ofSeconds(6));
            log.info("Fault: kill -9 {}", edges.get(0).name);
            edges.get(0).process.kill();

            pause(Duration.ofSeconds(8));
            int stoppedBroker = kafka.brokerIds().get(0);
            log.info("Fault: stopping Kafka broker {}", stoppedBroker);
            kafka.stopBroker(stoppedBroker);

            pause(Duration.ofSeconds(6));
            for (EdgeProcess edge : edges.subList(1, EDGES)) {
                log.info("Fault: draining and restarting {}", edge.name);
                assertThat(edge.process.stop(Duration.ofSeconds(20)))
                        .as(edge.name + " exits after its drain")
                        .isTrue();
                edge.start();
                awaitReady(edge);
            }
            log.info("Restarting the killed {}", edges.get(0).name);
            edges.get(0).start();
            awaitReady(edges.get(0));

            pause(Duration.ofSeconds(4));
            publishing.set(false);
            traffic.shutdown();
            traffic.awaitTermination(10, TimeUnit.SECONDS);

            trafficClients.addAll(List.of(publisher1, publisher2));
            try {
                await().atMost(SETTLE_TIMEOUT).until(() -> qos1.settled() && qos2.settled());
            } finally {
                report();
            }

            assertThat(qos1.lost())
                    .as("acknowledged QoS 1 messages never delivered")
                    .isEmpty();
            assertThat(qos2.lost())
                    .as("acknowledged QoS 2 messages never delivered")
                    .isEmpty();
            assertThat(qos2.duplicates()).as("QoS 2 messages delivered twice").isZero();
            assertThat(trafficClients).as("clients connected at the end").allMatch(TrackedClient::isConnected);
            for (int i = 0; i < WILL_CLIENTS; i++) {
                assertThat(wills.get("fault/wills/doomed-" + i))
                        .as("will of doomed-" + i)
                        .isEqualTo(1);
            }
            kafka.startBroker(stoppedBroker);
            trafficClients.forEach(TrackedClient::disconnect);
        } finally {
            for (EdgeProcess edge : edges) {
                edge.close();
            }
        }
    }

    private void startAll() throws Exception {
        // Start one first so that it creates the topics, then the others side by side.
        edges.get(0).start();
        List<Thread> starting = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (EdgeProcess edge : edges.subList(1, EDGES)) {
            Thread thread = new Thread(() -> {
                try {
                    edge.start();
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            starting.add(thread);
            thread.start();
        }
        for (Thread thread : starting) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    private static TrackedClient subscriber(String id, int port, String filter, MqttQos qos, TrafficLedger ledger) {
        TrackedClient client = new TrackedClient(id, port);
        client.mqtt()
                .publishes(
                        com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL,
                        publish -> ledger.received(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        client.connect();
        client.mqtt().subscribeWith().topicFilter(filter).qos(qos).send().join();
        return client;
    }

    private static TrackedClient publisher(String id, int port) {
        TrackedClient client = new TrackedClient(id, port);
        client.connect();
        return client;
    }

    private static void publish(
            TrackedClient publisher, String topic, String payload, MqttQos qos, TrafficLedger ledger) {
        ledger.sent();
        publisher
                .mqtt()
                .publishWith()
                .topic(topic)
                .qos(qos)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send()
                .whenComplete((result, error) -> {
                    if (error == null && result.getError().isEmpty()) {
                        ledger.acknowledged(payload);
                    } else {
                        ledger.failed();
                    }
                });
    }

    private static void connectWillClients(EdgeProcess edge) {
        for (int i = 0; i < WILL_CLIENTS; i++) {
            Mqtt5BlockingClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("doomed-" + i)
                    .serverHost("127.0.0.1")
                    .serverPort(edge.mqttPort)
                    .buildBlocking();
            client.connectWith()
                    .sessionExpiryInterval(60)
                    .willPublish()
                    .topic("fault/wills/doomed-" + i)
                    .payload("gone".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.EXACTLY_ONCE)
                    .applyWillPublish()
                    .send();
        }
        pause(Duration.ofSeconds(2)); // the wills reach Kafka with each session's first stored state
    }

    private static void awaitReady(EdgeProcess edge) {
        await().atMost(Duration.ofSeconds(60)).until(edge::isReady);
    }

    private void report() throws Exception {
        StringBuilder text = new StringBuilder(
                "| QoS | sent | acknowledged | failed | received | lost | duplicated |\n|---|---|---|---|---|---|---|\n");
        for (TrafficLedger ledger : List.of(qos1, qos2)) {
            text.append(String.format(
                    "| %d | %d | %d | %d | %d | %d | %d |%n",
                    ledger.qos(),
                    ledger.sentCount(),
                    ledger.acknowledgedCount(),
                    ledger.failedCount(),
                    ledger.receivedCount(),
                    ledger.lost().size(),
                    ledger.duplicates()));
        }
        text.append("\n| client | reconnects | longest outage (ms) |\n|---|---|---|\n");
        for (TrackedClient client : trafficClients) {
            text.append(String.format(
                    "| %s | %d | %d |%n",
                    client.id(), client.reconnects(), client.longestOutage().toMillis()));
        }
        text.append("\nWills of the killed edge's clients: ").append(wills).append('\n');
        for (TrafficLedger ledger : List.of(qos1, qos2)) {
            text.append("QoS ")
                    .append(ledger.qos())
                    .append(" lost: ")
                    .append(ledger.lost().stream().limit(20).toList())
                    .append('\n');
        }
        log.info("Fault suite report\n{}", text);
        Path report = Path.of(System.getProperty("wharf.test.dir", "target"), "..", "fault-suite-report.md")
                .normalize();
        Files.writeString(report, "# Fault suite report\n\n" + text);
    }

    private static void pause(Duration duration) {
        // The faults happen on a timeline while traffic flows; there is nothing to wait for but time.
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    /** One edge process of the cluster, restartable with the same ports and data. */
    private static final class EdgeProcess implements AutoCloseable {
        final String name;
        final String kafka;
        final int mqttPort = FreePorts.onLoopback();
        final int httpPort = FreePorts.onLoopback();
        final Path dataDir;
        WharfProcess process;

        EdgeProcess(String name, String kafka) {
            this.name = name;
            this.kafka = kafka;
            this.dataDir = TestDirectories.newDirectory(name);
        }

        void start() throws Exception {
            process = WharfProcess.start(WharfProcess.command(
                    // no credentials: anonymous clients must be allowed explicitly beside an external Kafka or a config
                    // file
                    "--allow-anonymous",
                    "true",
                    "--kafka",
                    kafka,
                    "--node-id",
                    name,
                    "--mqtt-port",
                    String.valueOf(mqttPort),
                    "--http-port",
                    String.valueOf(httpPort),
                    "--drain-delay",
                    "1",
                    "--data-dir",
                    dataDir.toString()));
        }

        HaproxyProcess.Backend backend() {
            return new HaproxyProcess.Backend(name, mqttPort, httpPort);
        }

        boolean isReady() {
            try {
                var response = java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.close();
            }
        }
    }
}
