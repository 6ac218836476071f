package io.wharf.edge.admin;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An edge's messages per second in and out over the last ten seconds, from its message totals
 * sampled once a second ({@link #sample}), so that one look at {@code /api/edges} tells the rates.
 */
public final class MessageRates {

    /** Samples kept: the rates are over the last ten seconds, once that many have been taken. */
    static final int SAMPLES = 11;

    private final Supplier<MessageTotals> totals;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public MessageRates(Supplier<MessageTotals> totals) {
        this.totals = totals;
    }

    /** The rates: messages clients published, and PUBLISH packets sent to them, per second. */
    public record Rates(double receivedPerSecond, double deliveredPerSecond) {}

    private record Sample(long nanos, MessageTotals totals) {}

    /** Takes a sample of the totals, at {@code nanos} of {@link System#nanoTime()}. */
    public synchronized void sample(long nanos) {
        samples.addLast(new Sample(nanos, totals.get()));
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    /** The rates between the oldest and the newest sample, or null before two were taken. */
    public synchronized Rates rates() {
        if (samples.size() < 2) {
            return null;
        }
        Sample oldest = samples.getFirst();
        Sample newest = samples.getLast();
        double seconds = (newest.nanos() - oldest.nanos()) / (double) TimeUnit.SECONDS.toNanos(1);
        if (seconds <= 0) {
            return null;
        }
        return new Rates(
                (newest.totals().received() - oldest.totals().received()) / seconds,
                (newest.totals().delivered() - oldest.totals().delivered()) / seconds);
    }
}
