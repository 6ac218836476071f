package io.wharf.edge.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The limits every connection of an edge shares: its connection slots, the connection rate of
 * each source address, the bytes of connections not yet connected, with the settings the per-client limits come from. Each time a limit bites
 * it is told to {@code hits} (the edge's metric). Thread-safe.
 */
public final class EdgeLimits {

    private final LimitSettings settings;
    private final ConnectionSlots slots;
    private final ConnectionRate rate;
    private final ConnectingBytes connecting;
    private final Consumer<Limit> hits;

    public EdgeLimits(LimitSettings settings, Consumer<Limit> hits) {
        this.settings = settings;
        this.slots = new ConnectionSlots(settings.maxConnections());
        this.rate = new ConnectionRate(settings.connectionRate(), ConnectionRate.DEFAULT_ADDRESSES);
        this.connecting = new ConnectingBytes(settings.maxConnectingBytes());
        this.hits = hits;
    }

    public LimitSettings settings() {
        return settings;
    }

    /**
     * Whether a CONNECT from {@code client} may go on: first the source address's rate, then a free
     * connection slot. On empty the caller holds a slot until {@link #disconnected}; otherwise the
     * limit that refused it (already counted).
     */
    public Optional<Limit> connect(SocketAddress client, long nowNanos) {
        InetAddress address = client instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address != null && !rate.admit(address, nowNanos)) {
            return hit(Limit.CONNECTION_RATE);
        }
        if (!slots.tryTake()) {
            return hit(Limit.MAX_CONNECTIONS);
        }
        return Optional.empty();
    }

    /** A connection whose {@link #connect} went on has closed. */
    public void disconnected() {
        slots.giveBack();
    }

    /** What the connections not yet connected have sent, between them. */
    public ConnectingBytes connecting() {
        return connecting;
    }

    /** Connections holding a slot now. */
    public int connections() {
        return slots.taken();
    }

    /** Counts a limit that bit. */
    public void count(Limit limit) {
        hits.accept(limit);
    }

    private Optional<Limit> hit(Limit limit) {
        count(limit);
        return Optional.of(limit);
    }
}
