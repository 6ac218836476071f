package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.SocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection event log ({@code wharf.connections}): one line per connection accepted, refused
 * or ended by the edge, and per failure at its end. Operators follow clients here, apart from the
 * edge's own log.
 */
final class ConnectionLog {

    static final Logger LOG = LoggerFactory.getLogger("wharf.connections");

    private ConnectionLog() {}

    static void connected(
            String clientId,
            SocketAddress from,
            Optional<String> userName,
            MqttVersion version,
            int keepAliveSeconds,
            boolean resumed) {
        LOG.info(
                "Connected {} from {}{} ({}, keep-alive {} s, {} session)",
                clientId,
                from,
                userName.map(user -> " as user " + user).orElse(""),
                version == MqttVersion.MQTT_5
                        ? "MQTT 5"
                        : version == MqttVersion.MQTT_3_1_1 ? "MQTT 3.1.1" : "MQTT 3.1",
                keepAliveSeconds,
                resumed ? "resumed" : "new");
    }

    static void refused(SocketAddress from, String why, Object code) {
        LOG.info("Refused connection from {}: {} ({})", from, why, code);
    }

    static void refused(SocketAddress from, String why) {
        LOG.info("Refused connection from {}: {}", from, why);
    }

    static void disconnecting(String client, String why, Object reason) {
        LOG.info("Disconnecting {}: {} ({})", client, why, reason);
    }

    static void closing(SocketAddress from, String why) {
        LOG.info("Closing connection from {}: {}", from, why);
    }

    static void sessionNotStored(String clientId, Throwable error) {
        LOG.warn("Could not store the session of {}: {}", clientId, error.toString());
    }

    static void willNotPublished(String clientId, String topic, Throwable error) {
        LOG.warn("Could not publish the will of {} to {}: {}", clientId, topic, error.toString());
    }

    /** Per message, so at DEBUG. */
    static void tooLargeForClient(int bytes, String topic, String clientId) {
        LOG.debug("Not sending {} bytes on {} to {}: over its Maximum Packet Size", bytes, topic, clientId);
    }

    static void sessionsNotStoredInTime(long graceMillis) {
        LOG.warn("Not every session was stored within {} ms of the disconnect", graceMillis);
    }

    static void sessionsNotStored(Throwable error) {
        LOG.warn("Storing sessions at disconnect failed: {}", error.toString());
    }
}
