package io.wharf.loadtest.scaleout;

import io.wharf.loadtest.client.SourceAddresses;

/**
 * Who connects where in a scale-out run: N connections numbered 0..N-1, connection {@code i} to
 * edge {@code i mod E} (as DNS round-robin would spread them), generator {@code g} holding one
 * contiguous share of the numbers. Each generator connects from source addresses of its own, so
 * that the generators' ephemeral ports never meet.
 *
 * @param connections N, in all
 * @param edges E
 * @param generators G, each a process of its own
 */
public record ScaleOutPlan(int connections, int edges, int generators) {

    /** Sockets one generator process may hold: below the open-file limit of 20,000, with room for the JVM's own files. */
    public static final int MAX_CONNECTIONS_PER_GENERATOR = 18_000;

    private static final int ADDRESSES_PER_GENERATOR =
            (MAX_CONNECTIONS_PER_GENERATOR + SourceAddresses.CONNECTIONS_PER_ADDRESS - 1)
                    / SourceAddresses.CONNECTIONS_PER_ADDRESS;

    public ScaleOutPlan {
        if (connections < 1 || edges < 1 || generators < 1) {
            throw new IllegalArgumentException("connections, edges and generators must each be at least 1");
        }
        if (generators > connections) {
            throw new IllegalArgumentException(
                    generators + " generators for " + connections + " connections: some would hold none");
        }
        int largest = (connections + generators - 1) / generators;
        if (largest > MAX_CONNECTIONS_PER_GENERATOR) {
            throw new IllegalArgumentException(connections + " connections over " + generators
                    + " generators is " + largest + " each, above " + MAX_CONNECTIONS_PER_GENERATOR
                    + " (the open-file limit): use at least " + generatorsNeeded(connections) + " generators");
        }
    }

    /** The fewest generators that keep each below {@link #MAX_CONNECTIONS_PER_GENERATOR}. */
    public static int generatorsNeeded(int connections) {
        return Math.max(1, (connections + MAX_CONNECTIONS_PER_GENERATOR - 1) / MAX_CONNECTIONS_PER_GENERATOR);
    }

    /** The first connection number of generator {@code g}; the shares differ by one at most. */
    public int firstOf(int generator) {
        int base = connections / generators;
        int remainder = connections % generators;
        return generator * base + Math.min(generator, remainder);
    }

    /** How many connections generator {@code g} holds. */
    public int countOf(int generator) {
        return firstOf(generator + 1) - firstOf(generator);
    }

    /** The edge connection {@code i} goes to, 0-based. */
    public int edgeOf(int connection) {
        return Math.floorMod(connection, edges);
    }

    /** How many of all the connections go to edge {@code e}. */
    public int connectionsTo(int edge) {
        return connections / edges + (edge < connections % edges ? 1 : 0);
    }

    /**
     * Where generator {@code g}'s source addresses start, in {@link SourceAddresses} numbering:
     * enough whole addresses for the most a generator holds, so generator 0 uses 127.0.0.2 to
     * 127.0.0.5, generator 1 127.0.0.6 to 127.0.0.9, ...
     */
    public long firstSourceSlotOf(int generator) {
        return (long) generator * ADDRESSES_PER_GENERATOR * SourceAddresses.CONNECTIONS_PER_ADDRESS;
    }

    /** The MQTT topic only connection {@code i} subscribes to. */
    public static String topicOf(int connection) {
        return "scale/" + connection;
    }

    /** Connection {@code i}'s client id. */
    public static String clientIdOf(int connection) {
        return "scale-" + connection;
    }
}
