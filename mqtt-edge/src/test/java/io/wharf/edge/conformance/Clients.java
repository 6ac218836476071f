package io.wharf.edge.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.RunningEdge;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** The real MQTT clients the conformance tests drive, set up the same way everywhere. */
public final class Clients {

    private Clients() {}

    /** An Eclipse Paho MQTT 3.1.1 client, connected. */
    public static org.eclipse.paho.client.mqttv3.MqttClient paho311(
            RunningEdge edge, String clientId, boolean cleanSession) throws MqttException {
        return paho3(edge, clientId, options3(MqttConnectOptions.MQTT_VERSION_3_1_1, cleanSession));
    }

    /** An Eclipse Paho MQTT 3 client connected with the given options. */
    public static org.eclipse.paho.client.mqttv3.MqttClient paho3(
            RunningEdge edge, String clientId, MqttConnectOptions options) throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient client =
                new org.eclipse.paho.client.mqttv3.MqttClient(edge.mqttUri(), clientId, new MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(20));
        client.connect(options);
        return client;
    }

    public static MqttConnectOptions options3(int version, boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(version);
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        return options;
    }

    /** An Eclipse Paho MQTT 5 client, not yet connected. */
    public static org.eclipse.paho.mqttv5.client.MqttClient paho5(RunningEdge edge, String clientId)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client = new org.eclipse.paho.mqttv5.client.MqttClient(
                edge.mqttUri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setTimeToWait(TimeUnit.SECONDS.toMillis(20));
        return client;
    }

    public static MqttConnectionOptions options5() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        return options;
    }

    /** A HiveMQ MQTT 5 client, not yet connected. */
    public static Mqtt5BlockingClient hivemq5(RunningEdge edge, String clientId) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
    }

    /** Publishes one message from a short-lived Paho 3.1.1 client; returns once the edge has it. */
    public static void publish(RunningEdge edge, String topic, String payload, int qos) {
        publish(edge, topic, utf8(payload), qos, false);
    }

    /** The same, with any payload and the RETAIN flag. */
    public static void publish(RunningEdge edge, String topic, byte[] payload, int qos, boolean retain) {
        try {
            org.eclipse.paho.client.mqttv3.MqttClient publisher = paho311(edge, "publisher-" + UUID.randomUUID(), true);
            publisher.publish(topic, payload, qos, retain);
            close(publisher);
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Disconnects and closes a Paho 3 client that may already be gone. */
    public static void close(org.eclipse.paho.client.mqttv3.MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // already disconnected
        }
    }
}
