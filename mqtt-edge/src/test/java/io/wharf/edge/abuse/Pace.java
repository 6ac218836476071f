package io.wharf.edge.abuse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An abuser's steady rate: each {@link #next} returns one period after the one before, so that
 * time spent between the calls does not slow the rate down. This is the abuse's own clock, not a
 * wait for the edge.
 */
final class Pace {

    private final long periodNanos;
    private long nextNanos = System.nanoTime();

    private Pace(Duration period) {
        this.periodNanos = period.toNanos();
    }

    static Pace every(Duration period) {
        return new Pace(period);
    }

    void next() throws InterruptedException {
        nextNanos += periodNanos;
        long ahead = nextNanos - System.nanoTime();
        if (ahead > 0) {
            TimeUnit.NANOSECONDS.sleep(ahead);
        }
    }
}
