package io.wharf.edge.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this edge can write to Kafka now, from the outcomes of the writes that happen anyway
 * (heartbeats every interval, QoS 2 transactions). Each path reports its latest outcome; the edge
 * can write while no path's latest write failed. Readiness follows it, so that load balancers send
 * no new clients to an edge that cannot store what they publish, and take it back by themselves once
 * the writes succeed again.
 */
public final class KafkaWriteHealth {

    private static final Logger log = LoggerFactory.getLogger(KafkaWriteHealth.class);

    private final Map<String, String> failing = new ConcurrentHashMap<>();

    /** A write on {@code path} succeeded. */
    public void written(String path) {
        String was = failing.remove(path);
        if (was != null) {
            log.info("Writing to Kafka works again ({})", path);
        }
    }

    /** A write on {@code path} failed. */
    public void failed(String path, Throwable error) {
        String was = failing.put(path, String.valueOf(error));
        if (was == null) {
            log.warn(
                    "Cannot write to Kafka ({}): {}; the edge reports itself not ready until it can",
                    path,
                    error.toString());
        }
    }

    public boolean canWrite() {
        return failing.isEmpty();
    }

    /** The failing paths and their last errors, for operators. */
    public Map<String, String> failing() {
        return Map.copyOf(failing);
    }
}
