package io.wharf.edge.protocol;

import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.List;

/**
 * The MQTT limits and choices of an edge.
 *
 * @param maxPacketSize the largest packet accepted from a client, in bytes (MQTT 5 Maximum Packet
 *     Size in CONNACK)
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param maxClientIdLength the longest client identifier accepted, in characters
 * @param receiveMaximum how many QoS 1 and 2 messages a client may have unacknowledged towards the
 *     edge (MQTT 5 Receive Maximum in CONNACK); more is a protocol violation (DISCONNECT 0x93)
 * @param maxInFlight the most QoS 1 and 2 messages the edge has unacknowledged towards one client,
 *     whatever the client's own Receive Maximum
 * @param topicAliasMaximum how many topic aliases a client may use towards the edge
 * @param maxKeepAliveSeconds 0 for no limit; otherwise a longer keep-alive asked for is cut to this
 *     (MQTT 5 Server Keep Alive)
 * @param maxSessionExpirySeconds the longest a session outlives its connection, for MQTT 3 persistent
 *     sessions and as a cap on MQTT 5's Session Expiry Interval
 * @param deniedSubscriptions subscriptions that reach into any of these filters are refused (SUBACK
 *     0x80 in 3.1.1, 0x87 Not authorized in 5.0)
 * @param catchUpBatch how many records a session reads from the log at a time when catching up
 */
public record ProtocolSettings(
        int maxPacketSize,
        Duration connectTimeout,
        int maxClientIdLength,
        int receiveMaximum,
        int maxInFlight,
        int topicAliasMaximum,
        int maxKeepAliveSeconds,
        long maxSessionExpirySeconds,
        List<TopicFilter> deniedSubscriptions,
        int catchUpBatch) {

    public static final int DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;

    public ProtocolSettings {
        deniedSubscriptions = List.copyOf(deniedSubscriptions);
    }

    public static ProtocolSettings defaults() {
        return new ProtocolSettings(
                DEFAULT_MAX_PACKET_SIZE,
                Duration.ofSeconds(10),
                256,
                1024,
                1024,
                64,
                0,
                Duration.ofDays(7).toSeconds(),
                List.of(),
                256);
    }

    public ProtocolSettings withReceiveMaximum(int value) {
        return new ProtocolSettings(
                maxPacketSize,
                connectTimeout,
                maxClientIdLength,
                value,
                maxInFlight,
                topicAliasMaximum,
                maxKeepAliveSeconds,
                maxSessionExpirySeconds,
                deniedSubscriptions,
                catchUpBatch);
    }
}
