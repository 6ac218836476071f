package io.wharf.edge.admin;

import static io.wharf.edge.admin.ClusterAdminIT.get;
import static io.wharf.edge.admin.ClusterAdminIT.json;
import static io.wharf.edge.admin.ClusterAdminIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operator drains one edge by asking another. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class RemoteDrainIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anEdgeDrainedThroughAnotherSendsItsClientsAwayAndShowsAsDraining(TestKafka kafka) throws Exception {
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 2)) {
            MqttEdge asked = cluster.edge(0);
            MqttEdge drained = cluster.edge(1);
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(get(asked, "/api/edges").path("items")).hasSize(2));
            AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
            Mqtt5BlockingClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("moved-by-remote-drain")
                    .serverHost("127.0.0.1")
                    .serverPort(drained.mqttPort())
                    .addDisconnectedListener(context -> {
                        if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                            reason.set(disconnect.getMqttMessage().getReasonCode());
                        }
                    })
                    .buildBlocking();
            client.connect();

            HttpResponse<String> drain = send(asked, "POST", "/api/edges/edge-b/drain");

            assertThat(drain.statusCode()).as(drain.body()).isEqualTo(202);
            assertThat(json(drain).path("edge").asText()).isEqualTo("edge-b");
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER));
            assertThat(get(asked, "/api/edges")
                            .path("items")
                            .get(1)
                            .path("state")
                            .asText())
                    .isEqualTo("draining");
            assertThat(get(asked, "/api/edges")
                            .path("items")
                            .get(0)
                            .path("state")
                            .asText())
                    .isEqualTo("serving");
        }
    }
}
