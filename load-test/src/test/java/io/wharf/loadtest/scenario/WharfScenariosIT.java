package io.wharf.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.loadtest.client.LoadClients;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every scenario against a real Wharf edge and Kafka, at small scale: the load client's counts and
 * latencies must agree with what really crossed the broker.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class WharfScenariosIT {

    private static InProcessEdge edge;
    private static LoadClients clients;

    @BeforeAll
    static void start(TestKafka kafka) {
        edge = InProcessEdge.start(kafka);
        clients = new LoadClients(2, 20);
    }

    @AfterAll
    static void stop() {
        clients.close();
        edge.close();
    }

    @Test
    void fanInCountsWhatAnIndependentSubscriberSees() throws Exception {
        LoadOptions options = edge.options();
        options.connections = 20;
        options.others = 2;
        options.rate = 10;
        options.qos = 1;
        AtomicLong seenByPaho = new AtomicLong();
        MqttClient paho = new MqttClient(
                "tcp://127.0.0.1:" + options.port, "independent-" + options.topicPrefix, new MemoryPersistence());
        paho.connect(new MqttConnectOptions());
        paho.subscribe(options.topicPrefix + "/#", 1, (topic, message) -> seenByPaho.incrementAndGet());
        try {
            ScenarioResult result = new FanIn().run(options, clients);

            assertThat(result.published()).isGreaterThan(0);
            assertThat(result.acknowledged()).isEqualTo(result.published());
            assertThat(result.expected()).isEqualTo(2 * result.published());
            assertThat(result.delivered()).isEqualTo(result.expected());
            assertThat(result.missing()).isZero();
            assertThat(result.latencyCount()).isEqualTo(result.delivered());
            assertThat(result.errors()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> seenByPaho.get() == result.published());
        } finally {
            paho.disconnect();
            paho.close();
        }
    }

    @Test
    void fanOutAtQos2OverMqtt311DeliversEachMessageToEverySubscriberOnce() {
        LoadOptions options = edge.options();
        options.mqttVersion = 3;
        options.qos = 2;
        options.connections = 30;
        options.others = 1;
        options.topics = 2;
        options.rate = 20;

        ScenarioResult result = new FanOut().run(options, clients);

        assertThat(result.published()).isGreaterThan(0);
        assertThat(result.acknowledged()).isEqualTo(result.published());
        assertThat(result.delivered()).isEqualTo(30 * result.published());
        assertThat(result.extra()).isZero();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void pointToPointDeliversEveryCommandAndEveryResponse() {
        LoadOptions options = edge.options();
        options.connections = 10;
        options.rate = 5;

        ScenarioResult result = new PointToPoint().run(options, clients);

        assertThat(result.figures()).containsEntry("pairs", 10);
        assertThat(result.published()).isGreaterThan(0);
        assertThat(result.delivered()).isEqualTo(result.published());
        assertThat(result.latencyCount()).as("round trips, one per response").isEqualTo(result.published() / 2);
    }

    @Test
    void connectionStormTimesEveryHandshake() {
        LoadOptions options = edge.options();
        options.connections = 300;

        ScenarioResult result = new ConnectionStorm().run(options, clients);

        assertThat(result.figures()).containsEntry("connected", 300).containsEntry("failed", 0);
        assertThat(result.latencyCount()).isEqualTo(300);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void kafkaRecordsReachEveryMqttSubscriber() {
        LoadOptions options = edge.options();
        options.connections = 5;
        options.rate = 50;

        ScenarioResult result = new KafkaToMqtt().run(options, clients);

        assertThat(result.acknowledged()).isGreaterThan(0);
        assertThat(result.delivered()).isEqualTo(5 * result.acknowledged());
        assertThat(result.latencyCount()).isEqualTo(result.delivered());
    }

    @Test
    void rawKafkaConsumesEveryRecordItProduced() {
        LoadOptions options = edge.options();
        options.rate = 0;
        options.connections = 10;

        ScenarioResult result = new RawKafka().run(options, clients);

        assertThat(result.acknowledged()).isGreaterThan(0).isEqualTo(result.published());
        assertThat(result.delivered()).isEqualTo(result.acknowledged());
        assertThat(result.acknowledgedPerSecond()).isPositive();
    }

    @Test
    void persistentReconnectAccountsForEveryQueuedMessage() {
        LoadOptions options = edge.options();
        options.connections = 10;
        options.messagesPerSession = 3;
        options.drainSeconds = 3;

        ScenarioResult result = new PersistentReconnect().run(options, clients);

        // Whether or not the broker keeps sessions, every queued message is either delivered or missing.
        assertThat(result.figures()).containsEntry("queuedWhileOffline", 30L);
        assertThat(result.expected()).isEqualTo(30);
        assertThat(result.delivered() + result.missing()).isEqualTo(30);
        if ((Integer) result.figures().get("sessionsPresentOnReconnect") == 0) {
            assertThat(result.missing())
                    .as("no session was kept, so nothing queued can arrive")
                    .isEqualTo(30);
        }
    }
}
