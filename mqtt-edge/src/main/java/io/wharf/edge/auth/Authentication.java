package io.wharf.edge.auth;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's authentication: its {@link Authenticator}, the refusals it counts per host, and two
 * threads with a bounded queue for the checks too slow for an event loop (a password file with a
 * high PBKDF2 iteration count). A full queue fails the check, which the client hears as "server
 * unavailable" rather than every client waiting behind a flood.
 */
public final class Authentication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 1_000;

    private final Authenticator authenticator;
    private final FailedAttempts failedAttempts;
    private final ThreadPoolExecutor slowChecks;

    public Authentication(Authenticator authenticator, FailedAttempts failedAttempts) {
        this.authenticator = authenticator;
        this.failedAttempts = failedAttempts;
        AtomicInteger count = new AtomicInteger();
        this.slowChecks = new ThreadPoolExecutor(
                THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "wharf-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setUncaughtExceptionHandler(
                            (t, e) -> log.error("Authentication thread {} failed", t.getName(), e));
                    return thread;
                });
    }

    /**
     * Checks {@code credentials}: at once on the calling thread when that is cheap, else on a thread
     * of its own (the future then completes there).
     */
    public CompletableFuture<AuthResult> check(Credentials credentials, Instant now) {
        if (!authenticator.isExpensive(credentials)) {
            try {
                return CompletableFuture.completedFuture(authenticator.authenticate(credentials, now));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> authenticator.authenticate(credentials, now), slowChecks);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many password checks are waiting", e));
        }
    }

    public FailedAttempts failedAttempts() {
        return failedAttempts;
    }

    @Override
    public void close() {
        slowChecks.shutdownNow();
    }
}
