package io.wharf.loadtest.measure;

/**
 * A fixed send rate: which messages are due by a given time, and when each was meant to go. A
 * rate of zero or less means "as fast as the flow-control window allows", with no schedule.
 */
public final class Pacer {

    private final double ratePerSecond;
    private final long startNanos;

    public Pacer(double ratePerSecond, long startNanos) {
        this.ratePerSecond = ratePerSecond;
        this.startNanos = startNanos;
    }

    public boolean unlimited() {
        return ratePerSecond <= 0;
    }

    /** How many messages should have been sent by {@code nowNanos}, the one at the start included. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (long) ((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
    }

    /** When message number {@code sequence} (from 0) was meant to be sent. */
    public long intendedNanos(long sequence) {
        return startNanos + Math.round(sequence * 1e9 / ratePerSecond);
    }
}
