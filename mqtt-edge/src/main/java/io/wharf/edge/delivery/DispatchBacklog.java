package io.wharf.edge.delivery;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Messages handed from the live feed to sessions and not yet taken up by them. The feed reads no
 * further while this is at its limit, so that slow event loops cannot make the edge's memory grow
 * without bound; Kafka keeps what is not read yet.
 */
public final class DispatchBacklog {

    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final int limit;
    private final AtomicInteger pending = new AtomicInteger();

    public DispatchBacklog(int limit) {
        this.limit = limit;
    }

    /**
     * Hands deliveries to a subscriber's own thread as one task; they count here until that task has
     * taken them up.
     */
    public void handOver(Executor executor, List<Delivery> deliveries, Consumer<Delivery> takeUp) {
        pending.addAndGet(deliveries.size());
        executor.execute(() -> {
            try {
                deliveries.forEach(takeUp);
            } finally {
                pending.addAndGet(-deliveries.size());
            }
        });
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
