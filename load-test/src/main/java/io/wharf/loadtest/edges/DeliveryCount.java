package io.wharf.loadtest.edges;

import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Probe;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts what the subscribers of one step receive, and tells the warm-up's messages from the
 * measured ones by the send time each payload carries: a message scheduled before the measured
 * window opened belongs to the warm-up, however late it arrives.
 */
final class DeliveryCount {

    private final LongAdder warmUp = new LongAdder();
    private final LongAdder measured = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);
    private volatile long measuredFromNanos = Long.MAX_VALUE;

    MessageListener listener() {
        return (connection, topic, payload, receivedNanos) -> {
            long sent = Probe.sentNanos(payload);
            if (sent >= measuredFromNanos) {
                measured.increment();
                latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sent)));
            } else {
                warmUp.increment();
            }
        };
    }

    /** Opens the measured window: every message scheduled from now on counts. */
    void measureFrom(long nanos) {
        measuredFromNanos = nanos;
    }

    long warmUp() {
        return warmUp.sum();
    }

    long measured() {
        return measured.sum();
    }

    /** The measured latencies so far, µs. */
    Histogram latency() {
        return latencyMicros.getIntervalHistogram();
    }
}
