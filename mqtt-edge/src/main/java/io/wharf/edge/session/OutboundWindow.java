package io.wharf.edge.session;

import io.wharf.edge.message.LogPartition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The QoS 1 and 2 messages in flight to one client, by packet id, in the order they were sent,
 * each with where it came from. Its capacity is the client's Receive Maximum (capped by the edge's
 * own limit).
 */
final class OutboundWindow {

    private static final int MAX_PACKET_ID = 65_535;

    private final Map<Integer, Entry> byPacketId = new LinkedHashMap<>();
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

    void put(InFlight inFlight, InFlightSource source) {
        byPacketId.put(inFlight.packetId(), new Entry(inFlight, source));
    }

    InFlight get(int packetId) {
        Entry entry = byPacketId.get(packetId);
        return entry == null ? null : entry.inFlight;
    }

    /** Where the message in flight under that id came from, or null for none. */
    InFlightSource source(int packetId) {
        Entry entry = byPacketId.get(packetId);
        return entry == null ? null : entry.source;
    }

    InFlight remove(int packetId) {
        Entry entry = byPacketId.remove(packetId);
        return entry == null ? null : entry.inFlight;
    }

    /** Updates an entry still in flight (it keeps its place and its source). */
    void replace(InFlight inFlight) {
        byPacketId.computeIfPresent(inFlight.packetId(), (id, entry) -> new Entry(inFlight, entry.source));
    }

    /** The entries in the order they were sent. */
    List<InFlight> entries() {
        return byPacketId.values().stream().map(Entry::inFlight).toList();
    }

    /** The entries stored with the session (see {@link InFlightSource#isStored()}), in the order they were sent. */
    List<InFlight> storedEntries() {
        return byPacketId.values().stream()
                .filter(entry -> entry.source.isStored())
                .map(Entry::inFlight)
                .toList();
    }

    /** The lowest offset still in flight in a partition, or {@code Long.MAX_VALUE}. */
    long lowestOffset(LogPartition partition) {
        long lowest = Long.MAX_VALUE;
        for (Entry entry : byPacketId.values()) {
            if (entry.inFlight.position().logPartition().equals(partition)) {
                lowest = Math.min(lowest, entry.inFlight.position().offset());
            }
        }
        return lowest;
    }

    private record Entry(InFlight inFlight, InFlightSource source) {}
}
