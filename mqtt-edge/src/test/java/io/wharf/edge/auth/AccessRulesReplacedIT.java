package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rules replaced while the edge runs hold connected clients at once (the way rules from Kafka will come). */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class AccessRulesReplacedIT {

    private static final String BEFORE = "user alice\ntopic read sensors/#\nuser admin\ntopic readwrite #\n";
    private static final String AFTER = "user alice\ntopic read other/#\nuser admin\ntopic readwrite #\n";

    @Test
    void aRevokedReadStopsDeliveriesToAConnectedClient(TestKafka kafka) {
        WharfTopics topics =
                new WharfTopics("aclr-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        try (MqttEdge edge = MqttEdge.start(EdgeSettings.builder("aclr-edge", kafka.bootstrapServers(), topics)
                .access(new AccessSettings(AclFile.parse(BEFORE, "before"), PublishDenied.DROP))
                .build())) {
            Mqtt5BlockingClient alice = client(edge, "alice-live", "alice");
            Mqtt5BlockingClient admin = client(edge, "admin-live", "admin");
            List<String> aliceGot = new CopyOnWriteArrayList<>();
            List<String> adminGot = new CopyOnWriteArrayList<>();
            subscribe(alice, aliceGot);
            subscribe(admin, adminGot);
            publish(admin, "sensors/before");
            await().atMost(Duration.ofSeconds(20)).until(() -> aliceGot.contains("sensors/before"));

            edge.accessControl().replace(AclFile.parse(AFTER, "after"));
            publish(admin, "sensors/after");

            await().atMost(Duration.ofSeconds(20)).until(() -> adminGot.contains("sensors/after"));
            assertThat(aliceGot).doesNotContain("sensors/after");
            assertThatThrownBy(
                            () -> alice.subscribeWith().topicFilter("sensors/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
            alice.disconnect();
            admin.disconnect();
        }
    }

    private static void subscribe(Mqtt5BlockingClient client, List<String> received) {
        client.toAsync()
                .subscribeWith()
                .topicFilter("sensors/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.add(publish.getTopic().toString()))
                .send()
                .join();
    }

    private static void publish(Mqtt5BlockingClient client, String topic) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(topic.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private static Mqtt5BlockingClient client(MqttEdge edge, String id, String user) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .simpleAuth()
                .username(user)
                .applySimpleAuth()
                .buildBlocking();
        client.connect();
        return client;
    }
}
