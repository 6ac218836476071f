package io.wharf.loadtest.measure;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Samples a run's measurements once a second and shows one line of progress: on a terminal the
 * line is rewritten in place; in a log (no console) a line is printed every five seconds.
 */
public final class ProgressLine implements AutoCloseable {

    private static final int LOG_EVERY_SECONDS = 5;

    private final String label;
    private final Measurements measurements;
    private final LongSupplier connections;
    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int ticks;

    private ProgressLine(
            String label, Measurements measurements, LongSupplier connections, PrintStream out, boolean terminal) {
        this.label = label;
        this.measurements = measurements;
        this.connections = connections;
        this.out = out;
        this.terminal = terminal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sampling; {@link #close} takes the last sample and ends the line. */
    public static ProgressLine start(String label, Measurements measurements, LongSupplier connections) {
        ProgressLine line = new ProgressLine(label, measurements, connections, System.err, System.console() != null);
        line.ticker.scheduleAtFixedRate(line::tick, 1, 1, TimeUnit.SECONDS);
        return line;
    }

    private void tick() {
        Measurements.Sample sample = measurements.sample(System.nanoTime());
        ticks++;
        if (terminal) {
            out.print("\r" + format(sample) + "   ");
            out.flush();
        } else if (ticks % LOG_EVERY_SECONDS == 0) {
            out.println(format(sample));
        }
    }

    String format(Measurements.Sample sample) {
        Measurements.Counts counts = measurements.counts();
        return String.format(
                "[%s] %4.0fs  conn %,d  pub %,.0f/s  ack %,.0f/s  recv %,.0f/s (total %,d)  p99 %.1f ms  errors %,d",
                label,
                sample.atSeconds(),
                connections.getAsLong(),
                sample.publishedPerSecond(),
                sample.acknowledgedPerSecond(),
                sample.deliveredPerSecond(),
                counts.delivered(),
                sample.p99Micros() / 1000.0,
                measurements.errorCount());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Measurements.Sample last = measurements.sample(System.nanoTime());
        out.println((terminal ? "\r" : "") + format(last));
    }
}
