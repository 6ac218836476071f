package io.wharf.loadtest.client;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback source addresses to connect from. One address has about 28,000 ephemeral ports towards
 * one server port; spreading connections over 127.0.0.2, 127.0.0.3, ... passes that limit. The
 * count runs on across every run in the JVM, so that a run does not meet the ports that the last
 * one left in TIME_WAIT.
 *
 * <p>Each address takes 5,000 connections only: Linux finds a free port for a bind to port 0 in
 * the even half of the range first, and once that half fills the search costs the kernel about
 * 0.7 ms per socket instead of 0.02 ms (measured here past 8,000 sockets on one address). At 25,000
 * per address that search was most of a load generator's CPU in a connection storm.
 */
public final class SourceAddresses {

    /** Connections given to one source address before the next is used; well below half the port range. */
    public static final int CONNECTIONS_PER_ADDRESS = 5_000;

    /** 127.0.0.2 to 127.0.0.254, then round again (by then the first ports are long free). */
    private static final int ADDRESSES = 253;

    /** The one sequence of the JVM. */
    static final SourceAddresses SHARED = new SourceAddresses();

    private final AtomicLong next = new AtomicLong();

    /**
     * Moves this JVM's sequence to {@code slot} (in connections): a load-generator process among
     * several starts at a slot of its own, so that their ephemeral ports never meet.
     */
    public static void startSharedAt(long slot) {
        SHARED.next.set(slot);
    }

    /** The address for the next connection: 127.0.0.2 for the first 5,000, then 127.0.0.3, ... */
    public InetSocketAddress next() {
        return forConnection(next.getAndIncrement());
    }

    public static InetSocketAddress forConnection(long index) {
        long address = 2 + (index / CONNECTIONS_PER_ADDRESS) % ADDRESSES;
        return new InetSocketAddress("127.0.0." + address, 0);
    }
}
