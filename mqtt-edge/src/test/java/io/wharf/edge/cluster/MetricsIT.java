package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an edge counts is on its HTTP port for Prometheus. */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class MetricsIT {

    @Test
    void connectionsMessagesAndSkippedRecordsAreCounted(TestKafka kafka) throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1)) {
            Mqtt5BlockingClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("counted")
                    .serverHost("127.0.0.1")
                    .serverPort(cluster.edge(0).mqttPort())
                    .buildBlocking();
            client.connect();
            client.subscribeWith().topicFilter("metered/#").send();
            client.publishWith()
                    .topic("metered/a")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("1".getBytes(StandardCharsets.UTF_8))
                    .send();
            KafkaRecords.write(
                    kafka.bootstrapServers(),
                    new ProducerRecord<>(
                            cluster.topics().messages().name(), null, "no key".getBytes(StandardCharsets.UTF_8)));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = scrape(cluster);
                assertThat(metrics).contains("wharf_connections{edge=\"edge-a\"} 1.0");
                assertThat(metrics)
                        .containsPattern("wharf_messages_received_total\\{edge=\"edge-a\",qos=\"1\"\\} 1\\.0");
                assertThat(metrics)
                        .containsPattern("wharf_messages_delivered_total\\{edge=\"edge-a\",qos=\"1\"\\} 1\\.0");
                assertThat(metrics).containsPattern("wharf_records_skipped_total\\{edge=\"edge-a\"\\} 1\\.0");
                assertThat(metrics).contains("jvm_memory_used_bytes");
            });
            client.disconnect();
        }
    }

    @Test
    void bytesKafkaLatencyLagSubscriptionsTakeoversAndDrainAreCountedAndTheGrafanaDashboardFindsItsMetrics(
            TestKafka kafka) throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1)) {
            Mqtt5BlockingClient first = client(cluster, "twice");
            first.subscribeWith()
                    .topicFilter("sized/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            first.subscribeWith().topicFilter("other/+").send();
            first.publishWith()
                    .topic("sized/a")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("12345".getBytes(StandardCharsets.UTF_8))
                    .send();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(scrape(cluster))
                            .containsPattern(
                                    "wharf_payload_delivered_bytes_total\\{edge=\"edge-a\",qos=\"1\"\\} 5\\.0"));
            String before = scrape(cluster);
            assertThat(before)
                    .containsPattern("wharf_payload_received_bytes_total\\{edge=\"edge-a\",qos=\"1\"\\} 5\\.0")
                    .containsPattern("wharf_kafka_produce_seconds_count\\{edge=\"edge-a\"\\} 1")
                    .contains("wharf_kafka_produce_seconds_bucket{edge=\"edge-a\",le=")
                    .contains("wharf_subscriptions{edge=\"edge-a\"} 2.0")
                    .contains("wharf_draining{edge=\"edge-a\"} 0.0")
                    .doesNotContain("kafka_consumer_fetch_manager_fetch_latency");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(scrape(cluster))
                                    .containsPattern(
                                            "kafka_consumer_fetch_manager_records_lag\\{.*client_id=\"edge-a-feed.*partition="));

            Mqtt5BlockingClient second = client(cluster, "twice");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(scrape(cluster))
                            .contains("wharf_sessions_taken_over_total{edge=\"edge-a\"} 1.0"));

            String metrics = scrape(cluster);
            assertThat(dashboardMetricNames())
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(metrics)
                            .as("the Grafana dashboard's %s", name)
                            .contains(name));
            second.disconnect();
        }
    }

    @Test
    void sessionsAreCountedByStateAndOneThatOutlivesItsExpiryIntervalIsCountedExpired(TestKafka kafka)
            throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1);
                KafkaRouter router = KafkaRouter.start(new RouterSettings(
                        kafka.bootstrapServers(),
                        cluster.topics(),
                        TestDirectories.newDirectory("router"),
                        Duration.ofSeconds(6),
                        Map.of()))) {
            Mqtt5BlockingClient staying = client(cluster, "staying");
            Mqtt5BlockingClient leaving = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("leaving")
                    .serverHost("127.0.0.1")
                    .serverPort(cluster.edge(0).mqttPort())
                    .buildBlocking();
            leaving.connectWith().cleanStart(false).sessionExpiryInterval(2).send();
            leaving.subscribeWith()
                    .topicFilter("away/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertThat(scrape(cluster)).contains("wharf_sessions{edge=\"edge-a\",state=\"connected\"} 2.0");

            leaving.disconnect();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(scrape(cluster))
                            .contains("wharf_sessions{edge=\"edge-a\",state=\"connected\"} 1.0")
                            .contains("wharf_sessions{edge=\"edge-a\",state=\"disconnected\"} 1.0"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(scrape(cluster))
                            .contains("wharf_sessions_expired_total{edge=\"edge-a\"} 1.0")
                            .contains("wharf_sessions{edge=\"edge-a\",state=\"disconnected\"} 0.0"));
            staying.disconnect();
        }
    }

    /**
     * The metrics the Grafana dashboard's queries name, but those that appear with their first
     * occurrence only (a refused client, a failed write to Kafka) and Prometheus' own {@code up}.
     */
    private static Set<String> dashboardMetricNames() throws Exception {
        String dashboard = Files.readString(Path.of("../docker/grafana/dashboards/wharf.json"));
        Set<String> names = new TreeSet<>();
        Matcher matcher =
                Pattern.compile("\\b((?:wharf|kafka|jvm|process)_[a-z_]+)").matcher(dashboard);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        names.removeAll(Set.of("wharf_auth_refusals_total", "wharf_kafka_produce_errors_total"));
        return names;
    }

    private static Mqtt5BlockingClient client(EdgeCluster cluster, String id) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildBlocking();
        client.connect();
        return client;
    }

    private static String scrape(EdgeCluster cluster) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + cluster.edge(0).httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
