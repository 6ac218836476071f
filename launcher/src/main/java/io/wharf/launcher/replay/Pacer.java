package io.wharf.launcher.replay;

import java.util.function.LongSupplier;

/**
 * Holds each record back until as much time has passed since the first one as passed between
 * their timestamps, so that a replay with {@code --pace} has the original gaps. A record older than
 * the one before it goes at once.
 */
final class Pacer {

    /** Waits the given number of milliseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long firstTimestampMs = Long.MIN_VALUE;
    private long firstSentNanos;

    Pacer(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    static Pacer realTime() {
        return new Pacer(System::nanoTime, Thread::sleep);
    }

    /** Returns when the record with this timestamp is due. */
    void awaitTurn(long timestampMs) throws InterruptedException {
        if (firstTimestampMs == Long.MIN_VALUE) {
            firstTimestampMs = timestampMs;
            firstSentNanos = nanoClock.getAsLong();
            return;
        }
        long dueNanos = firstSentNanos + (timestampMs - firstTimestampMs) * 1_000_000;
        long waitMs = (dueNanos - nanoClock.getAsLong()) / 1_000_000;
        if (waitMs > 0) {
            sleeper.sleep(waitMs);
        }
    }
}
