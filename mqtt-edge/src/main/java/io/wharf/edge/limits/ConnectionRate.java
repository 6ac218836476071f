package io.wharf.edge.limits;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New connections per second per source address. The table of addresses is bounded: past its
 * size the address seen least recently is forgotten, so a flood of addresses costs a fixed amount
 * of memory (a forgotten address starts again with a full budget). Thread-safe.
 */
public final class ConnectionRate {

    /** About 100 bytes an address: a few MiB at most. */
    public static final int DEFAULT_ADDRESSES = 16_384;

    private final int perSecond;
    private final Map<InetAddress, TokenBucket> byAddress;

    /** @param perSecond 0 admits everything */
    public ConnectionRate(int perSecond, int addresses) {
        this.perSecond = perSecond;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > addresses;
            }
        };
    }

    /** Whether a new connection from {@code address} keeps within the rate; counts it if so. */
    public boolean admit(InetAddress address, long nowNanos) {
        if (perSecond == 0) {
            return true;
        }
        synchronized (byAddress) {
            return byAddress
                    .computeIfAbsent(address, any -> new TokenBucket(perSecond, nowNanos))
                    .tryTakeOne(nowNanos);
        }
    }

    /** How many addresses the table holds now. */
    public int addresses() {
        synchronized (byAddress) {
            return byAddress.size();
        }
    }
}
