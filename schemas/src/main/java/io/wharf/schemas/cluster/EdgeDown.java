package io.wharf.schemas.cluster;

import java.time.Instant;

/**
 * The router counts an edge process dead: it sent no heartbeat for longer than allowed, or a new
 * process of the same node id started. The sessions it owned are orphaned and their wills are due.
 *
 * @param edgeId the dead edge's node id
 * @param lastHeartbeatAt when its last heartbeat was sent
 * @param detectedAt when the router gave up on it
 * @param startedAt when the dead process started (the incarnation that died); null from routers
 *     older than version 2
 */
public record EdgeDown(int v, String edgeId, Instant lastHeartbeatAt, Instant detectedAt, Instant startedAt)
        implements ClusterEvent {

    public static final int VERSION = 2;

    public static EdgeDown of(String edgeId, Instant lastHeartbeatAt, Instant detectedAt, Instant startedAt) {
        return new EdgeDown(VERSION, edgeId, lastHeartbeatAt, detectedAt, startedAt);
    }
}
