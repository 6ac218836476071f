package io.wharf.schemas.cluster;

import java.time.Instant;

/**
 * The router saw no heartbeat from an edge for longer than allowed and counts it dead: the
 * sessions it owned are orphaned and their wills are due.
 *
 * @param edgeId the silent edge
 * @param lastHeartbeatAt when its last heartbeat was sent
 * @param detectedAt when the router gave up on it
 */
public record EdgeDown(int v, String edgeId, Instant lastHeartbeatAt, Instant detectedAt)
    implements ClusterEvent {

  public static final int VERSION = 1;

  public static EdgeDown of(String edgeId, Instant lastHeartbeatAt, Instant detectedAt) {
    return new EdgeDown(VERSION, edgeId, lastHeartbeatAt, detectedAt);
  }
}
