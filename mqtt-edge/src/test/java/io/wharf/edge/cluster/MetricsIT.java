package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
