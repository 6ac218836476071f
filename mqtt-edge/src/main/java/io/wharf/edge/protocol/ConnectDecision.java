package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.schemas.message.ApplicationMessage;

/** What to do with a CONNECT. */
sealed interface ConnectDecision {

    /**
     * Accept the connection.
     *
     * @param assignedId whether the edge chose the client id because the client sent none
     * @param keepAliveSeconds the keep-alive in force (the client's, or the edge's maximum)
     * @param keepAliveChanged whether it differs from what the client asked (MQTT 5 Server Keep Alive)
     * @param sessionExpirySeconds how long the session outlives the connection
     * @param sessionExpiryChanged whether that differs from what an MQTT 5 client asked
     * @param will the will message, or null
     * @param willDelaySeconds MQTT 5 will delay interval
     */
    record Accepted(
            MqttVersion version,
            String clientId,
            boolean assignedId,
            boolean cleanStart,
            int keepAliveSeconds,
            boolean keepAliveChanged,
            long sessionExpirySeconds,
            boolean sessionExpiryChanged,
            ClientLimits limits,
            ApplicationMessage will,
            long willDelaySeconds)
            implements ConnectDecision {}

    /** Answer with a CONNACK carrying {@code code}, then close. */
    record Refused(MqttConnectReturnCode code, String reason) implements ConnectDecision {}

    /** A protocol violation the version has no CONNACK code for: close without answering. */
    record Violation(String reason) implements ConnectDecision {}
}
