package io.wharf.schemas.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the edge process that owns a session is alive, as pure functions of the newest heartbeat
 * known for its node id, so that the edges and the router decide alike.
 *
 * <p>An edge process is a node id and an incarnation: when the process started, the {@code
 * startedAt} of its heartbeats. A node id restarted at once (kill -9, then the same host and port)
 * sends heartbeats again before any silence shows, so the heartbeats of a later incarnation are
 * what tell that the earlier one died.
 */
public final class EdgeLivenessRules {

    private EdgeLivenessRules() {}

    /**
     * The heartbeat that stands for its node id once {@code next} arrives: the later incarnation's,
     * and within one incarnation the later one sent. A late heartbeat of an earlier incarnation does
     * not bring it back.
     */
    public static EdgeHeartbeat newest(EdgeHeartbeat known, EdgeHeartbeat next) {
        if (known == null) {
            return next;
        }
        int incarnations = compare(next.startedAt(), known.startedAt());
        if (incarnations != 0) {
            return incarnations > 0 ? next : known;
        }
        return next.sentAt().isAfter(known.sentAt()) ? next : known;
    }

    /** Whether {@code next} comes from a later process of the node id than {@code known}: the earlier one died. */
    public static boolean isRestart(EdgeHeartbeat known, EdgeHeartbeat next) {
        return known != null && compare(next.startedAt(), known.startedAt()) > 0;
    }

    /**
     * Whether the process of {@code incarnation} (null: not known, as in records of older writers) is
     * alive, given the newest heartbeat of its node id ({@code latest}, null if none is known).
     *
     * <ul>
     *   <li>an incarnation earlier than the latest heartbeat's is dead, however recent that heartbeat;
     *   <li>one later than any heartbeat seen started a moment ago: alive until the allowed silence
     *       has passed since its start with nothing heard;
     *   <li>otherwise alive while the latest heartbeat is younger than the allowed silence.
     * </ul>
     */
    public static boolean isAlive(EdgeHeartbeat latest, Instant incarnation, Duration silenceAllowed, Instant now) {
        if (latest != null && incarnation != null && latest.startedAt() != null) {
            int order = incarnation.compareTo(latest.startedAt());
            if (order < 0) {
                return false;
            }
            if (order > 0) {
                return incarnation.plus(silenceAllowed).isAfter(now);
            }
        }
        if (latest == null) {
            return incarnation != null && incarnation.plus(silenceAllowed).isAfter(now);
        }
        return latest.sentAt().plus(silenceAllowed).isAfter(now);
    }

    /**
     * When the process of {@code incarnation} was last known alive: its last heartbeat; for an
     * incarnation earlier than the latest heartbeat's, the start of the later one (it was gone by
     * then); for one never heard from, its start; {@code now} when nothing at all is known.
     */
    public static Instant lastHeard(EdgeHeartbeat latest, Instant incarnation, Instant now) {
        if (incarnation == null || latest == null || latest.startedAt() == null) {
            return latest != null ? latest.sentAt() : incarnation != null ? incarnation : now;
        }
        int order = incarnation.compareTo(latest.startedAt());
        if (order < 0) {
            return latest.startedAt();
        }
        return order > 0 ? incarnation : latest.sentAt();
    }

    private static int compare(Instant a, Instant b) {
        if (a == null || b == null) {
            return 0;
        }
        return a.compareTo(b);
    }
}
