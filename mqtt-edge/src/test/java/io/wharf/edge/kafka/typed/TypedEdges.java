package io.wharf.edge.kafka.typed;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.topic.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the typed-payload tests share: one-partition typed rules, MQTT 5 devices, UTF-8 payloads. */
final class TypedEdges {

    private TypedEdges() {}

    /** A rule sending {@code filter}'s messages to a topic of one partition, typed as {@code payload} says. */
    static MappingRule rule(String filter, String topic, PayloadRule payload) {
        return new MappingRule(TopicFilter.parse(filter), topic, 1, (short) 0, Duration.ofDays(1), 0, payload);
    }

    /** An MQTT 5 client connected to the cluster's first edge. */
    static Mqtt5BlockingClient connect(EdgeCluster cluster, String clientId) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildBlocking();
        client.connect();
        return client;
    }

    /** A QoS 1 message from {@code device}; throws what the client does for a negative PUBACK. */
    static void publishQos1(Mqtt5BlockingClient device, String topic, String payload) {
        device.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8(payload))
                .send();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
