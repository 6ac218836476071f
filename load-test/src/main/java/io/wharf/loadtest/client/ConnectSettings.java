package io.wharf.loadtest.client;

import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * How a load connection introduces itself.
 *
 * @param host the broker's address (loopback only: load never leaves the machine)
 * @param port the broker's MQTT port
 * @param version MQTT 3.1.1 or 5
 * @param keepAliveSeconds the keep-alive asked for in CONNECT
 * @param cleanSession false asks for a persistent session (MQTT 5: clean start 0 and a session
 *     expiry of {@link #PERSISTENT_SESSION_EXPIRY_SECONDS})
 */
public record ConnectSettings(String host, int port, MqttVersion version, int keepAliveSeconds, boolean cleanSession) {

    public static final int PERSISTENT_SESSION_EXPIRY_SECONDS = 3600;

    public ConnectSettings {
        if (!host.startsWith("127.") && !host.equals("localhost")) {
            throw new IllegalArgumentException("load is sent to loopback addresses only, not " + host);
        }
        if (version != MqttVersion.MQTT_3_1_1 && version != MqttVersion.MQTT_5) {
            throw new IllegalArgumentException("MQTT 3.1.1 or 5, not " + version);
        }
    }

    public ConnectSettings persistent() {
        return new ConnectSettings(host, port, version, keepAliveSeconds, false);
    }
}
