package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** An embedder's own subscribe permission decides per client and filter. */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class SubscribePermissionHookIT {

    @Test
    void theEmbeddersPermissionRefusesWhatItWillNotAllow(TestKafka kafka) {
        WharfTopics topics =
                new WharfTopics("hook-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        TopicFilter privateArea = TopicFilter.parse("private/#");
        try (MqttEdge edge = MqttEdge.start(
                EdgeSettings.forLocalKafka("hook-edge", kafka.bootstrapServers(), topics),
                (clientId, filter) -> !(clientId.startsWith("guest") && privateArea.overlaps(filter)))) {
            Mqtt5BlockingClient guest = client(edge, "guest-1");
            Mqtt5BlockingClient owner = client(edge, "owner-1");

            assertThatThrownBy(() ->
                            guest.subscribeWith().topicFilter("private/diary").send())
                    .isInstanceOfSatisfying(
                            Mqtt5SubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCodes())
                                    .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
            assertThat(owner.subscribeWith().topicFilter("private/diary").send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
            assertThat(guest.subscribeWith().topicFilter("public/news").send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
            guest.disconnect();
            owner.disconnect();
        }
    }

    private static Mqtt5BlockingClient client(MqttEdge edge, String id) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
        client.connect();
        return client;
    }
}
