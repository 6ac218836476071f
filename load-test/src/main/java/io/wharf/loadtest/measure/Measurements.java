package io.wharf.loadtest.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one scenario run counts and times: messages published, acknowledged and delivered, errors
 * by kind, and publish-to-receive latency in microseconds. Any thread may record; one sampler
 * thread calls {@link #sample} once a second to build the timeline and the total histogram.
 */
public final class Measurements {

    private volatile long startNanos;
    private final Recorder latencyMicros = new Recorder(3);
    private final Histogram totalLatency = new Histogram(3);
    private final Recorder ackLatencyMicros = new Recorder(3);
    private final Histogram totalAckLatency = new Histogram(3);
    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<Sample> timeline = new ArrayList<>();
    private volatile long lastDeliveryNanos;
    private volatile long lastAcknowledgementNanos;
    private Histogram interval;
    private Histogram ackInterval;
    private Counts lastCounts = new Counts(0, 0, 0);

    public Measurements(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Measurements startingNow() {
        return new Measurements(System.nanoTime());
    }

    public void published() {
        published.increment();
    }

    public void acknowledged() {
        acknowledged.increment();
        lastAcknowledgementNanos = System.nanoTime();
    }

    /**
     * A QoS 1 or 2 publication was acknowledged; it was written at {@code sentNanos}: the time from
     * there to now is the publish-to-acknowledgement latency a device sees.
     */
    public void acknowledged(long sentNanos) {
        long now = System.nanoTime();
        acknowledged.increment();
        lastAcknowledgementNanos = now;
        ackLatencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sentNanos)));
    }

    /** A message arrived at {@code receivedNanos}; it was stamped {@code sentNanos} (-1: no stamp). */
    public void delivered(long sentNanos, long receivedNanos) {
        delivered.increment();
        lastDeliveryNanos = receivedNanos;
        if (sentNanos > 0) {
            latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sentNanos)));
        }
    }

    public void error(String kind) {
        errors.computeIfAbsent(kind, key -> new LongAdder()).increment();
    }

    /**
     * Starts the clock again, for a run whose connections are set up before the load begins: rates
     * and the timeline count from here. Call before anything is published.
     */
    public synchronized void restart(long nowNanos) {
        startNanos = nowNanos;
        timeline.clear();
        lastCounts = counts();
    }

    public long startNanos() {
        return startNanos;
    }

    public Counts counts() {
        return new Counts(published.sum(), acknowledged.sum(), delivered.sum());
    }

    /** When the last message arrived, or 0 if none did. */
    public long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    /** When the last acknowledgement came, or 0 if none did. */
    public long lastAcknowledgementNanos() {
        return lastAcknowledgementNanos;
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Closes the current interval: adds its latencies to the total and appends its rates to the
     * timeline. Called by one thread at a time.
     */
    public synchronized Sample sample(long nowNanos) {
        interval = latencyMicros.getIntervalHistogram(interval);
        totalLatency.add(interval);
        ackInterval = ackLatencyMicros.getIntervalHistogram(ackInterval);
        totalAckLatency.add(ackInterval);
        Counts now = counts();
        double seconds = (nowNanos - startNanos) / 1e9;
        double span = timeline.isEmpty()
                ? seconds
                : seconds - timeline.get(timeline.size() - 1).atSeconds();
        Sample sample = new Sample(
                seconds,
                rate(now.published() - lastCounts.published(), span),
                rate(now.acknowledged() - lastCounts.acknowledged(), span),
                rate(now.delivered() - lastCounts.delivered(), span),
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50),
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99));
        lastCounts = now;
        timeline.add(sample);
        return sample;
    }

    public synchronized List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    /** Every latency recorded up to the last {@link #sample}, in microseconds. */
    public synchronized Histogram totalLatency() {
        return totalLatency.copy();
    }

    /** Every publish-to-acknowledgement latency recorded up to the last {@link #sample}, in microseconds. */
    public synchronized Histogram totalAckLatency() {
        return totalAckLatency.copy();
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }

    /** Running totals. */
    public record Counts(long published, long acknowledged, long delivered) {}

    /** One second of a run: rates per second and that second's latency percentiles (µs). */
    public record Sample(
            double atSeconds,
            double publishedPerSecond,
            double acknowledgedPerSecond,
            double deliveredPerSecond,
            long p50Micros,
            long p99Micros) {}
}
