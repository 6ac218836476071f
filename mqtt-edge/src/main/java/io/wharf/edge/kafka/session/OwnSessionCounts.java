package io.wharf.edge.kafka.session;

import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sessions one edge answers for in its metrics: the disconnected sessions it stored last, and
 * those of them that expired. Every edge reads the whole session directory, so each counts only
 * its own and the edges' figures add up to the cluster's.
 */
public final class OwnSessionCounts {

    private final String nodeId;
    private final Supplier<Map<String, SessionEntry>> sessions;
    private final Runnable onExpired;

    /** @param onExpired told of each of this edge's sessions that expired */
    public OwnSessionCounts(String nodeId, Supplier<Map<String, SessionEntry>> sessions, Runnable onExpired) {
        this.nodeId = nodeId;
        this.sessions = sessions;
        this.onExpired = onExpired;
    }

    /** The disconnected sessions this edge stored last. */
    public long disconnected() {
        return sessions.get().values().stream()
                .filter(entry -> nodeId.equals(entry.owner()) && isDisconnected(entry))
                .count();
    }

    /** A session the log dropped at {@code at}: counted when it was this edge's and it expired. */
    public void dropped(SessionEntry entry, Instant at) {
        if (nodeId.equals(entry.owner()) && expiredBy(entry.state(), at)) {
            onExpired.run();
        }
    }

    static boolean isDisconnected(SessionEntry entry) {
        return entry.ownerDisconnected()
                || (entry.state() != null && entry.state().disconnectedAt() != null);
    }

    /**
     * Whether a session dropped at {@code at} ended by expiring: it was kept past its connection (an
     * expiry interval above zero) and the interval had passed. A session of expiry zero ends with
     * its connection, and one removed by an operator before its time did not expire.
     */
    static boolean expiredBy(SessionState state, Instant at) {
        if (state == null || state.disconnectedAt() == null || state.expiryIntervalSeconds() <= 0) {
            return false;
        }
        long seconds = Math.min(state.expiryIntervalSeconds(), Long.MAX_VALUE / 2000);
        return !at.isBefore(state.disconnectedAt().plusSeconds(seconds));
    }
}
