package io.wharf.edge;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of an edge in the order they started, so that they stop in reverse: all of them after a
 * failed start, the readers and writers when the edge closes.
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

    static void closeInReverse(List<AutoCloseable> parts) {
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
