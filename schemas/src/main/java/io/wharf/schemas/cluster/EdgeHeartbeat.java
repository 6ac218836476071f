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
 */
public record EdgeHeartbeat(
        int v, String edgeId, String mqttAddress, Instant startedAt, Instant sentAt, long intervalMs)
        implements ClusterEvent {

    public static final int VERSION = 1;

    public static EdgeHeartbeat of(
            String edgeId, String mqttAddress, Instant startedAt, Instant sentAt, long intervalMs) {
        return new EdgeHeartbeat(VERSION, edgeId, mqttAddress, startedAt, sentAt, intervalMs);
    }
}
