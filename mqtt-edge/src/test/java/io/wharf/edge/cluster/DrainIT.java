package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.MqttEdge;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Draining an edge for maintenance: readiness goes, clients move on, and nothing is lost. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class DrainIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aDrainedEdgeFailsReadinessSendsItsClientsElsewhereAndKeepsTheirSessions(TestKafka kafka) throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 2)) {
            MqttEdge draining = cluster.edge(0);
            assertThat(readiness(draining)).isEqualTo(200);
            AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
            Mqtt5BlockingClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("drained-client")
                    .serverHost("127.0.0.1")
                    .serverPort(draining.mqttPort())
                    .addDisconnectedListener(context -> {
                        if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                            reason.set(disconnect.getMqttMessage().getReasonCode());
                        }
                    })
                    .buildBlocking();
            client.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            client.subscribeWith()
                    .topicFilter("drain/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            HttpResponse<String> drain = postDrain(draining);
            assertThat(drain.statusCode()).isEqualTo(202);

            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER));
            assertThat(readiness(draining)).isEqualTo(503);

            Mqtt5BlockingClient publisher = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("drain-publisher")
                    .serverHost("127.0.0.1")
                    .serverPort(cluster.edge(1).mqttPort())
                    .buildBlocking();
            publisher.connect();
            publisher
                    .publishWith()
                    .topic("drain/x")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("while away".getBytes(StandardCharsets.UTF_8))
                    .send();

            List<String> received = new CopyOnWriteArrayList<>();
            Mqtt5AsyncClient moved = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("drained-client")
                    .serverHost("127.0.0.1")
                    .serverPort(cluster.edge(1).mqttPort())
                    .buildAsync();
            moved.publishes(
                    MqttGlobalPublishFilter.ALL,
                    p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            assertThat(moved.connectWith()
                            .cleanStart(false)
                            .sessionExpiryInterval(300)
                            .send()
                            .join()
                            .isSessionPresent())
                    .isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("while away"));
            moved.disconnect().join();
            publisher.disconnect();
        }
    }

    @Test
    void whoeverRunsTheEdgeHearsOfAnOperatorsDrainAlsoWhenItListensOnlyAfterTheRequest(TestKafka kafka)
            throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1)) {
            MqttEdge edge = cluster.edge(0);
            // The launcher starts the router after the edge, so an operator can drain before it listens.
            assertThat(postDrain(edge).statusCode()).isEqualTo(202);
            CountDownLatch heard = new CountDownLatch(1);
            edge.onDrainRequested(heard::countDown);

            assertThat(heard.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the drain listener ran")
                    .isTrue();
        }
    }

    private static HttpResponse<String> postDrain(MqttEdge edge) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + "/admin/drain"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int readiness(MqttEdge edge) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
