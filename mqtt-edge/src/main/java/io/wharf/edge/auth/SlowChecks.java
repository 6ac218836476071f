package io.wharf.edge.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two threads with a bounded queue for the credential checks too slow for an event loop (a password
 * hash with a high PBKDF2 iteration count), of MQTT clients and of the admin API alike. A full queue
 * fails the check at once rather than every client waiting behind a flood.
 */
public final class SlowChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlowChecks.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 1_000;

    private final ThreadPoolExecutor threads;

    public SlowChecks() {
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(
                THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "wharf-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setUncaughtExceptionHandler(
                            (t, e) -> log.error("Authentication thread {} failed", t.getName(), e));
                    return thread;
                });
    }

    /** Runs {@code check} on one of the threads; the future completes there. */
    public <T> CompletableFuture<T> run(Supplier<T> check) {
        try {
            return CompletableFuture.supplyAsync(check, threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many password checks are waiting", e));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
