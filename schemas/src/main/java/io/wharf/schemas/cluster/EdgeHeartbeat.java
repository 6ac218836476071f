package io.wharf.schemas.cluster;

import java.time.Instant;

/**
 * An edge says it is alive. Edges send one every heartbeat interval; the router treats an edge
 * whose heartbeats stop as dead.
 *
 * @param edgeId the sending edge's node id
 * @param mqttAddress where the edge accepts MQTT connections, {@code host:port}
 * @param startedAt when this edge process started; a new value means the edge restarted
 * @param sentAt when this heartbeat was sent
 * @param intervalMs how often the edge sends heartbeats
 * @param httpAddress since version 2: where the edge answers HTTP (health, admin API), {@code
 *     host:port}; null from older edges and from edges with HTTP off
 */
public record EdgeHeartbeat(
        int v,
        String edgeId,
        String mqttAddress,
        Instant startedAt,
        Instant sentAt,
        long intervalMs,
        String httpAddress)
        implements ClusterEvent {

    public static final int VERSION = 2;

    /** A heartbeat of an edge that does not answer HTTP. */
    public static EdgeHeartbeat of(
            String edgeId, String mqttAddress, Instant startedAt, Instant sentAt, long intervalMs) {
        return of(edgeId, mqttAddress, startedAt, sentAt, intervalMs, null);
    }

    public static EdgeHeartbeat of(
            String edgeId, String mqttAddress, Instant startedAt, Instant sentAt, long intervalMs, String httpAddress) {
        return new EdgeHeartbeat(VERSION, edgeId, mqttAddress, startedAt, sentAt, intervalMs, httpAddress);
    }
}
