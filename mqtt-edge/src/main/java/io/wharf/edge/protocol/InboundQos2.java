package io.wharf.edge.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The packet ids of QoS 2 messages received from the client and not yet released by PUBREL, so
 * that a re-sent PUBLISH with the same id is recognised and not stored twice.
 */
final class InboundQos2 {

  enum State {
    /** Being written to the log; PUBREC follows when that completes. */
    STORING,
    /** In the log and answered with PUBREC; waiting for PUBREL. */
    STORED
  }

  private final Map<Integer, State> received = new HashMap<>();

  /** Starts receiving a packet id; returns the state it already had, or null if it is new. */
  State begin(int packetId) {
    return received.putIfAbsent(packetId, State.STORING);
  }

  void stored(int packetId) {
    received.replace(packetId, State.STORED);
  }

  void failed(int packetId) {
    received.remove(packetId);
  }

  /** Ends the exchange for a PUBREL; returns false if the id was not awaiting release. */
  boolean release(int packetId) {
    return received.remove(packetId) != null;
  }
}
