package io.wharf.router.sessions;

import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which sessions the router's periodic check has to look at, so that the check costs what is due
 * rather than a read of every stored session each time: a session is due from a point in time (its
 * will's delay or its expiry ends, an orphaned will's patience runs out), or when an edge process it
 * depends on (the owner of its connection, or the edge of a replaced connection whose will is not
 * settled) dies.
 *
 * <p>It is derived from the sessions store alone, kept beside it as sessions change, and rebuilt
 * from it when the router takes the store over; it holds client ids, never session state.
 */
final class SessionAgenda {

    /** One edge process: its node id and when it started (null when the session did not say). */
    record EdgeProcess(String edgeId, Instant incarnation) {}

    /** Due at the next check, whenever that is. */
    private static final Instant AT_ONCE = Instant.EPOCH;

    private static final long LONGEST_EXPIRY_SECONDS =
            Duration.ofDays(365 * 100).toSeconds();

    private final Duration orphanPatience;
    private final NavigableMap<Instant, Set<String>> byTime = new TreeMap<>();
    private final Map<String, Instant> timeOf = new HashMap<>();
    private final Map<EdgeProcess, Set<String>> byEdge = new HashMap<>();
    private final Map<String, Set<EdgeProcess>> edgesOf = new HashMap<>();

    SessionAgenda(Duration orphanPatience) {
        this.orphanPatience = orphanPatience;
    }

    /** Records what makes {@code session} due, replacing what was known of the client id. */
    void track(String clientId, RouterSession session) {
        forget(clientId);
        Set<EdgeProcess> edges = new HashSet<>();
        Instant at = null;
        if (session.orphanedWill() != null) {
            edges.add(new EdgeProcess(session.orphanedBy(), session.orphanedByIncarnation()));
            at = session.orphanedAt().plus(orphanPatience);
        }
        SessionEntry entry = session.entry();
        SessionState state = entry.state();
        if (!entry.ownerDisconnected()) {
            if (entry.owner() != null) {
                edges.add(new EdgeProcess(entry.owner(), entry.ownerIncarnation()));
            }
        } else {
            at = earlier(at, state == null ? AT_ONCE : endOfDisconnection(state));
        }
        if (at != null) {
            timeOf.put(clientId, at);
            byTime.computeIfAbsent(at, time -> new HashSet<>()).add(clientId);
        }
        if (!edges.isEmpty()) {
            edgesOf.put(clientId, edges);
            edges.forEach(edge ->
                    byEdge.computeIfAbsent(edge, process -> new HashSet<>()).add(clientId));
        }
    }

    void forget(String clientId) {
        Instant at = timeOf.remove(clientId);
        if (at != null) {
            removeFrom(byTime, at, clientId);
        }
        Set<EdgeProcess> edges = edgesOf.remove(clientId);
        if (edges != null) {
            edges.forEach(edge -> removeFrom(byEdge, edge, clientId));
        }
    }

    /** The client ids due at {@code now}, or depending on an edge process that {@code isDead}. */
    Set<String> due(Instant now, Predicate<EdgeProcess> isDead) {
        Set<String> due = new HashSet<>();
        byTime.headMap(now, true).values().forEach(due::addAll);
        byEdge.forEach((edge, clientIds) -> {
            if (isDead.test(edge)) {
                due.addAll(clientIds);
            }
        });
        return due;
    }

    /** How many sessions the agenda follows; for tests and logs. */
    int size() {
        Set<String> all = new HashSet<>(timeOf.keySet());
        all.addAll(edgesOf.keySet());
        return all.size();
    }

    /** When a disconnected session's will is due or the session expires, whichever comes first. */
    private static Instant endOfDisconnection(SessionState state) {
        if (state.disconnectedAt() == null) {
            return AT_ONCE; // the check counts the disconnection from when it looks
        }
        Instant expiry =
                state.disconnectedAt().plusSeconds(Math.min(state.expiryIntervalSeconds(), LONGEST_EXPIRY_SECONDS));
        return state.will() == null
                ? expiry
                : earlier(expiry, state.will().dueAt(state.disconnectedAt(), state.expiryIntervalSeconds()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static <K> void removeFrom(Map<K, Set<String>> index, K key, String clientId) {
        Set<String> clientIds = index.get(key);
        if (clientIds != null && clientIds.remove(clientId) && clientIds.isEmpty()) {
            index.remove(key);
        }
    }
}
