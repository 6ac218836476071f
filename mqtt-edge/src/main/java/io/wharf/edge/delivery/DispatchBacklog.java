package io.wharf.edge.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages handed from the live feed to sessions and not yet taken up by them. The feed reads no
 * further while this is at its limit, so that slow event loops cannot make the edge's memory grow
 * without bound; Kafka keeps what is not read yet.
 */
public final class DispatchBacklog {

    private static final Logger log = LoggerFactory.getLogger(DispatchBacklog.class);
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final int limit;
    private final AtomicInteger pending = new AtomicInteger();

    public DispatchBacklog(int limit) {
        this.limit = limit;
    }

    /**
     * Hands the deliveries of the subscribers of one thread to that thread as one task, which gives
     * each subscriber its list in turn; they count here until that task has taken them up.
     */
    public void handOver(Executor executor, Map<Subscriber, List<Delivery>> bySubscriber) {
        int count = 0;
        for (List<Delivery> deliveries : bySubscriber.values()) {
            count += deliveries.size();
        }
        int handed = count;
        pending.addAndGet(handed);
        try {
            executor.execute(() -> {
                try {
                    bySubscriber.forEach(DispatchBacklog::takeUp);
                } finally {
                    pending.addAndGet(-handed);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.addAndGet(-handed);
            log.debug("An event loop that is shutting down refused {} live messages", handed);
        }
    }

    /** One subscriber failing must not keep the others of its thread from their messages. */
    private static void takeUp(Subscriber subscriber, List<Delivery> deliveries) {
        try {
            subscriber.takeUp(deliveries);
        } catch (RuntimeException e) {
            log.warn("A subscriber failed to take up {} live messages: {}", deliveries.size(), e.toString(), e);
        }
    }

    public int pending() {
        return pending.get();
    }

    /** Waits (on the feed's thread) until the backlog is below its limit, or the thread is interrupted. */
    public void awaitRoom() {
        while (pending.get() >= limit && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
