package io.wharf.router.sessions;

import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import java.time.Instant;

/**
 * What the router keeps of one session: the entry that counts (by the same rules as every edge),
 * and the will of a connection that a newer claim replaced, while it is not yet known whether its
 * edge dealt with it.
 *
 * @param orphanedWill the replaced connection's will (no delay), or null
 * @param orphanedBy the edge that had that connection
 * @param orphanedAt when the newer claim came
 * @param orphanedByIncarnation when that edge's process started, or null if its claim did not say
 */
record RouterSession(
        SessionEntry entry,
        SessionState.Will orphanedWill,
        String orphanedBy,
        Instant orphanedAt,
        Instant orphanedByIncarnation) {

    static RouterSession of(SessionEntry entry) {
        return new RouterSession(entry, null, null, null, null);
    }

    RouterSession withEntry(SessionEntry next) {
        return new RouterSession(next, orphanedWill, orphanedBy, orphanedAt, orphanedByIncarnation);
    }

    RouterSession withoutOrphanedWill() {
        return of(entry);
    }
}
