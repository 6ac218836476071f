package io.wharf.edge;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of an edge in the order they started, so that they stop in reverse after a failed start,
 * and so that a closing edge stops every one of them, whatever order it names for some.
 */
final class StartedParts {

    private static final Logger log = LoggerFactory.getLogger(MqttEdge.class);

    private final List<AutoCloseable> parts = new ArrayList<>();

    void add(AutoCloseable part) {
        parts.add(part);
    }

    /** Closes every part, the last started first; one that fails to close does not stop the others. */
    void closeAll() {
        closeInReverse(parts);
    }

    /**
     * The order a closing edge stops its parts in: {@code first} as given (nulls skipped), then every
     * other started part, the last started first, so that a part nobody named still stops.
     */
    List<AutoCloseable> stopOrder(List<AutoCloseable> first) {
        List<AutoCloseable> order = new ArrayList<>();
        Set<AutoCloseable> named = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AutoCloseable part : first) {
            if (part != null && named.add(part)) {
                order.add(part);
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (named.add(parts.get(i))) {
                order.add(parts.get(i));
            }
        }
        return List.copyOf(order);
    }

    /** Closes each part (skipping nulls) in the given order; one that fails to close does not stop the others. */
    static void closeInOrder(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception suppressed) {
                log.debug("Closing {}: {}", part, suppressed.toString());
            }
        }
    }

    private static void closeInReverse(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception suppressed) {
                log.debug("Closing {}: {}", parts.get(i), suppressed.toString());
            }
        }
    }

    static void shutdownGracefully(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
