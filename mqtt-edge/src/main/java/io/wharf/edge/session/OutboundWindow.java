package io.wharf.edge.session;

import io.wharf.edge.message.LogPartition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The QoS 1 and 2 messages in flight to one client, by packet id, in the order they were sent.
 * Its capacity is the client's Receive Maximum (capped by the edge's own limit).
 */
final class OutboundWindow {

    private static final int MAX_PACKET_ID = 65_535;

    private final Map<Integer, InFlight> byPacketId = new LinkedHashMap<>();
    private int capacity;
    private int lastPacketId;

    OutboundWindow(int capacity) {
        this.capacity = capacity;
    }

    void capacity(int capacity) {
        this.capacity = capacity;
    }

    boolean hasRoom() {
        return byPacketId.size() < capacity;
    }

    int size() {
        return byPacketId.size();
    }

    /** A free packet id; there is always one while the window has room. */
    int nextPacketId() {
        do {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
        } while (byPacketId.containsKey(lastPacketId));
        return lastPacketId;
    }

    void put(InFlight inFlight) {
        byPacketId.put(inFlight.packetId(), inFlight);
    }

    InFlight get(int packetId) {
        return byPacketId.get(packetId);
    }

    InFlight remove(int packetId) {
        return byPacketId.remove(packetId);
    }

    void replace(InFlight inFlight) {
        byPacketId.replace(inFlight.packetId(), inFlight);
    }

    Collection<InFlight> entries() {
        return byPacketId.values();
    }

    /** The lowest offset still in flight in a partition, or {@code Long.MAX_VALUE}. */
    long lowestOffset(LogPartition partition) {
        long lowest = Long.MAX_VALUE;
        for (InFlight inFlight : byPacketId.values()) {
            if (inFlight.position().logPartition().equals(partition)) {
                lowest = Math.min(lowest, inFlight.position().offset());
            }
        }
        return lowest;
    }
}
