package io.wharf.loadtest.client;

import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Connects many clients at a bounded rate and with a bounded number of handshakes in flight, and
 * times each from TCP connect to CONNACK. Optionally a client that was refused (or whose connection
 * failed) tries again after a back-off, as devices do, until the ramp's timeout.
 */
public final class ConnectionRamp {

    private final LoadClients clients;
    private final ConnectSettings settings;
    private final Measurements measurements;
    private final double ratePerSecond;
    private final int maxPending;
    private final Duration retryAfter;

    /**
     * @param ratePerSecond connection attempts per second; 0 or less: as fast as {@code maxPending}
     *     allows
     * @param maxPending the most handshakes in flight at once
     */
    public ConnectionRamp(
            LoadClients clients,
            ConnectSettings settings,
            Measurements measurements,
            double ratePerSecond,
            int maxPending) {
        this(clients, settings, measurements, ratePerSecond, maxPending, null);
    }

    private ConnectionRamp(
            LoadClients clients,
            ConnectSettings settings,
            Measurements measurements,
            double ratePerSecond,
            int maxPending,
            Duration retryAfter) {
        this.clients = clients;
        this.settings = settings;
        this.measurements = measurements;
        this.ratePerSecond = ratePerSecond;
        this.maxPending = maxPending;
        this.retryAfter = retryAfter;
    }

    /**
     * The same ramp, whose refused or failed clients try again after {@code backoff} (half to one
     * and a half times it, at random, so that they do not come back all at once), keeping their place
     * among the handshakes in flight. The handshake time counts from the first attempt.
     */
    public ConnectionRamp retryingAfter(Duration backoff) {
        return new ConnectionRamp(clients, settings, measurements, ratePerSecond, maxPending, backoff);
    }

    /**
     * Connects {@code count} clients and waits for every answer or {@code timeout}.
     *
     * @param clientIds the client id of connection {@code i}
     * @param listeners the listener of connection {@code i}
     */
    public Result open(
            int count, IntFunction<String> clientIds, IntFunction<MessageListener> listeners, Duration timeout) {
        LoadConnection[] connections = new LoadConnection[count];
        Recorder handshakes = new Recorder(3);
        Semaphore pending = new Semaphore(maxPending);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Pacer pacer = new Pacer(ratePerSecond, start);
        Attempts shared = new Attempts(connections, handshakes, pending, failed, retries);
        for (int i = 0; i < count; i++) {
            if (!pacer.unlimited()) {
                LockSupport.parkNanos(pacer.intendedNanos(i) - System.nanoTime());
            }
            if (!acquire(pending, deadline)) {
                failed.addAndGet(count - i);
                break;
            }
            attempt(i, clientIds.apply(i), listeners, System.nanoTime(), deadline, shared);
        }
        acquire(pending, deadline, maxPending);
        long elapsed = System.nanoTime() - start;
        return new Result(connections, failed.get(), retries.get(), elapsed, handshakes.getIntervalHistogram());
    }

    /** What the attempts of one {@link #open} share. */
    private record Attempts(
            LoadConnection[] connections,
            Recorder handshakes,
            Semaphore pending,
            AtomicInteger failed,
            AtomicInteger retries) {}

    private void attempt(
            int index,
            String clientId,
            IntFunction<MessageListener> listeners,
            long firstAttemptNanos,
            long deadlineNanos,
            Attempts shared) {
        clients.connect(clientId, settings, listeners.apply(index), measurements)
                .whenComplete((connection, error) -> {
                    if (error == null) {
                        shared.connections[index] = connection;
                        shared.handshakes.recordValue(
                                TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - firstAttemptNanos));
                        shared.pending.release();
                        return;
                    }
                    long backoffNanos = retryAfter == null
                            ? -1
                            : (long) (retryAfter.toNanos()
                                    * (0.5 + ThreadLocalRandom.current().nextDouble()));
                    if (backoffNanos >= 0 && System.nanoTime() + backoffNanos < deadlineNanos) {
                        shared.retries.incrementAndGet();
                        CompletableFuture.delayedExecutor(backoffNanos, TimeUnit.NANOSECONDS)
                                .execute(() ->
                                        attempt(index, clientId, listeners, firstAttemptNanos, deadlineNanos, shared));
                        return;
                    }
                    shared.failed.incrementAndGet();
                    measurements.error("connect failed: " + rootMessage(error));
                    shared.pending.release();
                });
    }

    private static boolean acquire(Semaphore pending, long deadlineNanos) {
        return acquire(pending, deadlineNanos, 1);
    }

    private static boolean acquire(Semaphore pending, long deadlineNanos, int permits) {
        try {
            return pending.tryAcquire(permits, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** Disconnects every connection that is there (null where one failed), waiting at most {@code timeout}. */
    public static void disconnectAll(LoadConnection[] connections, Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (LoadConnection connection : connections) {
            if (connection != null) {
                closing.add(connection.disconnect());
            }
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> null)
                .join();
    }

    /**
     * @param connections connection {@code i}, or null where it failed
     * @param retries attempts that were refused or failed and tried again
     * @param handshakeMicros TCP connect to CONNACK, per successful connection
     */
    public record Result(
            LoadConnection[] connections, int failed, int retries, long elapsedNanos, Histogram handshakeMicros) {

        public int succeeded() {
            int count = 0;
            for (LoadConnection connection : connections) {
                if (connection != null) {
                    count++;
                }
            }
            return count;
        }

        public double perSecond() {
            return succeeded() / (elapsedNanos / 1e9);
        }

        /** Disconnects every connection, waiting at most {@code timeout} (a broker that stalls is not waited for). */
        public void disconnectAll(Duration timeout) {
            ConnectionRamp.disconnectAll(connections, timeout);
        }
    }
}
