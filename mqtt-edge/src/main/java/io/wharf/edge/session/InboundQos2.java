package io.wharf.edge.session;

import java.util.HashMap;
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

  /** The ids a session carries across connections: those stored and awaiting PUBREL. */
  public Set<Integer> storedIds() {
    Set<Integer> ids = new TreeSet<>();
    received.forEach((id, state) -> {
      if (state == State.STORED) {
        ids.add(id);
      }
    });
    return ids;
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
  }

  public void failed(int packetId) {
    received.remove(packetId);
  }

  /** Ends the exchange for a PUBREL; returns false if the id was not awaiting release. */
  public boolean release(int packetId) {
    return received.remove(packetId) != null;
  }
}
