package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code acl-publish-denied: disconnect}, a 3.1.1 client that publishes where it may not is disconnected. */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class PublishDeniedDisconnectIT {

    @Test
    void aMqtt311ClientPublishingWhereItMayNotIsDisconnected(TestKafka kafka) throws Exception {
        WharfTopics topics =
                new WharfTopics("acld-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        AccessSettings access =
                new AccessSettings(AclFile.parse("user alice\ntopic write alice/#\n", "acl"), PublishDenied.DISCONNECT);
        try (MqttEdge edge = MqttEdge.start(EdgeSettings.builder("acld-edge", kafka.bootstrapServers(), topics)
                .access(access)
                .build())) {
            MqttAsyncClient alice =
                    new MqttAsyncClient("tcp://127.0.0.1:" + edge.mqttPort(), "alice-311", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("alice");
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            alice.connect(options).waitForCompletion(10_000);
            try {
                alice.publish("alice/ok", new MqttMessage("1".getBytes(StandardCharsets.UTF_8)))
                        .waitForCompletion(10_000);
                assertThat(alice.isConnected()).isTrue();

                alice.publish("bob/inbox", new MqttMessage("2".getBytes(StandardCharsets.UTF_8)));

                await().atMost(Duration.ofSeconds(10)).until(() -> !alice.isConnected());
            } finally {
                alice.close(true);
            }
        }
    }
}
