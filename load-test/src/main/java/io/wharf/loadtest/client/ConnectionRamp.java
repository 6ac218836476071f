package io.wharf.loadtest.client;

import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Connects many clients at a bounded rate and with a bounded number of handshakes in flight, and
 * times each from TCP connect to CONNACK.
 */
public final class ConnectionRamp {

    private final LoadClients clients;
    private final ConnectSettings settings;
    private final Measurements measurements;
    private final double ratePerSecond;
    private final int maxPending;

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
        this.clients = clients;
        this.settings = settings;
        this.measurements = measurements;
        this.ratePerSecond = ratePerSecond;
        this.maxPending = maxPending;
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
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Pacer pacer = new Pacer(ratePerSecond, start);
        for (int i = 0; i < count; i++) {
            if (!pacer.unlimited()) {
                LockSupport.parkNanos(pacer.intendedNanos(i) - System.nanoTime());
            }
            if (!acquire(pending, deadline)) {
                failed.addAndGet(count - i);
                break;
            }
            int index = i;
            long attempt = System.nanoTime();
            clients.connect(clientIds.apply(i), settings, listeners.apply(i), measurements)
                    .whenComplete((connection, error) -> {
                        if (error == null) {
                            connections[index] = connection;
                            handshakes.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - attempt));
                        } else {
                            failed.incrementAndGet();
                            measurements.error("connect failed: " + rootMessage(error));
                        }
                        pending.release();
                    });
        }
        acquire(pending, deadline, maxPending);
        long elapsed = System.nanoTime() - start;
        return new Result(connections, failed.get(), elapsed, handshakes.getIntervalHistogram());
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

    /**
     * @param connections connection {@code i}, or null where it failed
     * @param handshakeMicros TCP connect to CONNACK, per successful connection
     */
    public record Result(LoadConnection[] connections, int failed, long elapsedNanos, Histogram handshakeMicros) {

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
    }
}
