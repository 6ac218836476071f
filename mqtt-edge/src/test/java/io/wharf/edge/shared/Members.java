package io.wharf.edge.shared;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.MqttEdge;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** HiveMQ MQTT 5 clients as members of shared subscriptions, each collecting the payloads it gets. */
final class Members {

    private Members() {}

    static Mqtt5BlockingClient client(MqttEdge edge, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
    }

    /** A connected member that subscribed at QoS 1 and acknowledges what it gets. */
    static Mqtt5AsyncClient member(MqttEdge edge, String id, String filter, List<String> inbox) {
        Mqtt5AsyncClient client = client(edge, id).toAsync();
        client.connect().join();
        client.subscribeWith()
                .topicFilter(filter)
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> inbox.add(text(p.getPayloadAsBytes())))
                .send()
                .join();
        return client;
    }

    /** A member with manual acknowledgement that never acknowledges: all it gets stays in flight. */
    static Mqtt5AsyncClient neverAcknowledging(MqttEdge edge, String id, String filter, List<String> held) {
        Mqtt5AsyncClient client = client(edge, id).toAsync();
        client.connect().join();
        client.subscribeWith()
                .topicFilter(filter)
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> held.add(text(p.getPayloadAsBytes())))
                .manualAcknowledgement(true)
                .send()
                .join();
        return client;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
