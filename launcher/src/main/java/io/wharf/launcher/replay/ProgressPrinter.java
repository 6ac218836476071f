package io.wharf.launcher.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Shows a replay's progress on standard error while it runs: a bar redrawn in place on a terminal,
 * otherwise a line every few seconds, so that logs and pipes stay readable. Runs on a timer of its
 * own, so that progress shows even while {@code --pace} waits.
 */
final class ProgressPrinter implements AutoCloseable {

    private static final Duration BAR_INTERVAL = Duration.ofMillis(250);
    private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final boolean terminal;
    private final ReplayCounters counters;
    private final long inRange;
    private final long startNanos = System.nanoTime();
    private final Timer timer = new Timer("wharf-replay-progress", true);

    ProgressPrinter(PrintWriter err, boolean terminal, ReplayCounters counters, long inRange) {
        this.err = err;
        this.terminal = terminal;
        this.counters = counters;
        this.inRange = inRange;
        long interval = (terminal ? BAR_INTERVAL : LINE_INTERVAL).toMillis();
        timer.scheduleAtFixedRate(
                new TimerTask() {
                    @Override
                    public void run() {
                        print();
                    }
                },
                interval,
                interval);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private synchronized void print() {
        if (terminal) {
            err.print("\r" + ProgressReport.bar(counters.snapshot(), inRange, elapsed()));
        } else {
            err.println(ProgressReport.line(counters.snapshot(), inRange, elapsed()));
        }
        err.flush();
    }

    /** Stops the timer; on a terminal, draws the bar a last time and ends its line. */
    @Override
    public void close() {
        timer.cancel();
        synchronized (this) {
            if (terminal) {
                print();
                err.println();
                err.flush();
            }
        }
    }
}
