package io.wharf.edge.kafka.session;

import io.wharf.edge.session.ClaimsBusyException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bounds the claims one edge has in Kafka at once; the others wait their turn, first come first
 * served. Under a connection storm the claims in Kafka then come back within their time, where an
 * unbounded number of them would all wait behind each other until every one timed out (each written,
 * read back by every edge and released again: work the cluster does for nothing). A claim that
 * waited out its time here is refused as busy without being written, so the client tries again
 * later and costs nothing meanwhile.
 */
final class ClaimAdmission {

    private final int maxInFlight;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final Deque<Waiting<?>> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param maxInFlight the most claims written and not yet read back at once
     * @param maxWait how long a claim may wait for its place before it is refused
     */
    ClaimAdmission(int maxInFlight, Duration maxWait, LongSupplier nanoTime) {
        this.maxInFlight = maxInFlight;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Starts {@code claim} now if there is room, else once there is; the future completes as the claim's does. */
    <T> CompletableFuture<T> admit(Supplier<CompletableFuture<T>> claim) {
        Waiting<T> entry = new Waiting<>(claim, nanoTime.getAsLong() + maxWaitNanos, new CompletableFuture<>());
        synchronized (this) {
            if (inFlight >= maxInFlight) {
                waiting.add(entry);
                return entry.result;
            }
            inFlight++;
        }
        start(entry);
        return entry.result;
    }

    /** Takes back a claim that has not started (its client gave up); true if it never will be written. */
    boolean withdraw(CompletableFuture<?> admitted) {
        boolean removed;
        synchronized (this) {
            removed = waiting.removeIf(entry -> entry.result == admitted);
        }
        if (removed) {
            admitted.cancel(false);
        }
        return removed;
    }

    /** Runs claims while places are free; returns once one is under way in Kafka, or none waits. */
    private void start(Waiting<?> first) {
        for (Waiting<?> entry = first; entry != null; entry = next()) {
            CompletableFuture<Void> done = entry.run();
            if (!done.isDone()) {
                done.thenRun(() -> {
                    Waiting<?> following = next();
                    if (following != null) {
                        start(following);
                    }
                });
                return;
            }
            // Done at once (Kafka refused it outright): the loop, not a recursion, starts the next.
        }
    }

    /** A place came free: the oldest claim still within its time takes it; those that waited too long are refused. */
    private Waiting<?> next() {
        List<Waiting<?>> expired = new ArrayList<>(0);
        Waiting<?> admitted;
        int busy;
        long now = nanoTime.getAsLong();
        synchronized (this) {
            while (!waiting.isEmpty() && now - waiting.peek().deadline > 0) {
                expired.add(waiting.poll());
            }
            admitted = waiting.poll();
            if (admitted == null) {
                inFlight--;
            }
            busy = inFlight;
        }
        for (Waiting<?> entry : expired) {
            entry.result.completeExceptionally(
                    new ClaimsBusyException(busy, (now - entry.deadline + maxWaitNanos) / 1_000_000));
        }
        return admitted;
    }

    private record Waiting<T>(Supplier<CompletableFuture<T>> claim, long deadline, CompletableFuture<T> result) {

        /** Starts the claim; the future returned completes once the claim did, and the result with it. */
        CompletableFuture<Void> run() {
            CompletableFuture<T> written;
            try {
                written = claim.get();
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            return written.handle((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
                return null;
            });
        }
    }
}
