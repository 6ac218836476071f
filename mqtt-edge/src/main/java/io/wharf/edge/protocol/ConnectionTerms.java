package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * What a client and the edge agreed in CONNECT: the protocol version, the client id, the keep
 * alive, the client's limits, how long the session outlives the connection (which an MQTT 5
 * DISCONNECT may change), and the topic aliases the client defined within them. Used on the
 * channel's event loop only.
 */
final class ConnectionTerms {

    private final MqttVersion version;
    private final String clientId;
    private final int keepAliveSeconds;
    private final ClientLimits limits;
    private final long connectSessionExpirySeconds;
    private final Map<Integer, String> inboundAliases = new HashMap<>();
    private long sessionExpirySeconds;

    ConnectionTerms(ConnectDecision.Accepted accepted) {
        this.version = accepted.version();
        this.clientId = accepted.clientId();
        this.keepAliveSeconds = accepted.keepAliveSeconds();
        this.limits = accepted.limits();
        this.connectSessionExpirySeconds = accepted.sessionExpirySeconds();
        this.sessionExpirySeconds = accepted.sessionExpirySeconds();
    }

    MqttVersion version() {
        return version;
    }

    /** The session expiry CONNECT set, whatever DISCONNECT asks later. */
    long connectSessionExpirySeconds() {
        return connectSessionExpirySeconds;
    }

    boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    String clientId() {
        return clientId;
    }

    int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    ClientLimits limits() {
        return limits;
    }

    /** How long the session outlives the connection, as last agreed. */
    long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    /** An MQTT 5 DISCONNECT changed the session expiry, as {@link ClientDisconnectRules} allowed. */
    void sessionExpirySeconds(long seconds) {
        sessionExpirySeconds = seconds;
    }

    /** The topic aliases the client defined on this connection, by alias. */
    Map<Integer, String> inboundAliases() {
        return inboundAliases;
    }
}
