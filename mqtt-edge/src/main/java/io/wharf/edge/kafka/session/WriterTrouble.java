package io.wharf.edge.kafka.session;

import io.wharf.edge.kafka.KafkaWriteHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the {@link TransactionalWriter} fares with Kafka: it reports each failure and each recovery to
 * {@link KafkaWriteHealth}, logs the first failure of a spell (and the recovery) at WARN and INFO
 * and the rest at DEBUG, and backs off between attempts, doubling up to a limit. Used on the
 * writer's thread only.
 */
final class WriterTrouble {

    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);
    private static final long FIRST_BACKOFF_MS = 50;

    private final KafkaWriteHealth health;
    private final long maxBackoffMs;
    private long backoffMs;
    private boolean failing;

    WriterTrouble(KafkaWriteHealth health, long maxBackoffMs) {
        this.health = health;
        this.maxBackoffMs = maxBackoffMs;
    }

    /** Whether the last attempt failed and none succeeded since. */
    boolean failing() {
        return failing;
    }

    void trouble(String what, RuntimeException error) {
        health.failed(TransactionalWriter.HEALTH_PATH, error);
        if (!failing) {
            log.warn("{}: {}; retrying until Kafka takes it", what, error.toString());
        } else {
            log.debug("{}: {}", what, error.toString());
        }
        failing = true;
    }

    void recovered() {
        backoffMs = 0;
        health.written(TransactionalWriter.HEALTH_PATH);
        if (failing) {
            log.info("The QoS 2 writer reaches Kafka again");
        }
        failing = false;
    }

    /** Waits before the next attempt, longer after each failure in a row. */
    void pause() {
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(maxBackoffMs, backoffMs * 2);
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            // close() gave up waiting: the writer's loop sees it
        }
    }
}
