package io.wharf.edge.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packet ids of QoS 2 messages received from the client and not yet released by PUBREL, so
 * that a re-sent PUBLISH with the same id is recognised and not stored twice.
 */
public final class InboundQos2 {

    public enum State {
        /** Being written to the log; PUBREC follows when that completes. */
        STORING,
        /** In the log and answered with PUBREC; waiting for PUBREL. */
        STORED
    }

    private final Map<Integer, State> received = new HashMap<>();
    /** Ids still storing that a committed session state already records (their PUBREC is on its way). */
    private final Set<Integer> recorded = new HashSet<>();

    /**
     * The ids a session carries across connections: those stored and awaiting PUBREL, and those a
     * committed session state records already. Once a state with an id is in the log, no later state
     * may leave it out, or the client's re-send after a new connection would be stored again.
     */
    public Set<Integer> storedIds() {
        Set<Integer> ids = new TreeSet<>();
        received.forEach((id, state) -> {
            if (state == State.STORED || recorded.contains(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A session state recording {@code ids} is committed: those still received are in the log's view. */
    void recorded(Set<Integer> ids) {
        ids.stream().filter(received::containsKey).forEach(recorded::add);
    }

    /**
     * Every id received and not released, including those still being stored: what a state written
     * together with the next message must record.
     */
    public Set<Integer> allIds() {
        return new TreeSet<>(received.keySet());
    }

    /** Restores the ids of a resumed session. */
    public void restore(Set<Integer> storedIds) {
        storedIds.forEach(id -> received.put(id, State.STORED));
    }

    /** Starts receiving a packet id; returns the state it already had, or null if it is new. */
    public State begin(int packetId) {
        return received.putIfAbsent(packetId, State.STORING);
    }

    public void stored(int packetId) {
        received.replace(packetId, State.STORED);
        recorded.remove(packetId);
    }

    public void failed(int packetId) {
        received.remove(packetId);
        recorded.remove(packetId);
    }

    /** Ends the exchange for a PUBREL; returns false if the id was not awaiting release. */
    public boolean release(int packetId) {
        recorded.remove(packetId);
        return received.remove(packetId) != null;
    }
}
