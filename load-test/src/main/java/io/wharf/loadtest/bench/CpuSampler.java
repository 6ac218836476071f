package io.wharf.loadtest.bench;

import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's CPU time every 50 ms while a run goes on, so that the CPU it used over the
 * run's load window (known only when the run is over: after connecting, up to the end of the drain)
 * can be read afterwards, interpolated between the samples around each end.
 */
final class CpuSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 50;
    /** An hour of samples; older ones are dropped. */
    private static final int MAX_SAMPLES = 72_000;

    private final ProcessHandle process;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private final ScheduledExecutorService ticker;

    private CpuSampler(ProcessHandle process) {
        this.process = process;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cpu-sampler-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
    }

    static CpuSampler start(ProcessHandle process) {
        CpuSampler sampler = new CpuSampler(process);
        sampler.sample();
        sampler.ticker.scheduleAtFixedRate(sampler::sample, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        double seconds = ProcessCpu.seconds(process);
        if (Double.isNaN(seconds)) {
            return;
        }
        long[] sample = {System.nanoTime(), (long) (seconds * 1e9)};
        synchronized (samples) {
            if (samples.size() == MAX_SAMPLES) {
                samples.removeFirst();
            }
            samples.addLast(sample);
        }
    }

    /** CPU seconds the process used between two {@link System#nanoTime()} instants; NaN if unknown. */
    double secondsBetween(long fromNanos, long toNanos) {
        synchronized (samples) {
            return (cpuAt(toNanos) - cpuAt(fromNanos)) / 1e9;
        }
    }

    /** CPU nanoseconds at {@code at}, interpolated between the samples around it; NaN with none. */
    private double cpuAt(long at) {
        long[] before = null;
        for (long[] sample : samples) {
            if (sample[0] <= at) {
                before = sample;
            } else {
                if (before == null) {
                    return sample[1]; // before the first sample: nothing was used that it does not hold
                }
                double share = (double) (at - before[0]) / (sample[0] - before[0]);
                return before[1] + share * (sample[1] - before[1]);
            }
        }
        return before == null ? Double.NaN : before[1];
    }

    @Override
    public void close() {
        sample();
        ticker.shutdownNow();
    }
}
