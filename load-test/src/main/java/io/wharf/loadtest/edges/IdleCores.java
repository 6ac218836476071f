package io.wharf.loadtest.edges;

import io.wharf.loadtest.bench.ProcessCpu;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What the cluster's processes use with no client at all, in cores (CPU seconds per second): an
 * edge's heartbeats, polls and GC go on whatever the load, and at a low rate they are much of its
 * CPU per message.
 *
 * @param edges each edge's, in the cluster's order
 */
record IdleCores(double[] edges, double kafka) {

    /** No reading: every figure above idle is NaN. */
    static IdleCores none(int edgeCount) {
        double[] unknown = new double[edgeCount];
        Arrays.fill(unknown, Double.NaN);
        return new IdleCores(unknown, Double.NaN);
    }

    /** Reads every process over {@code window}, during which no client is connected. */
    static IdleCores measure(ScaleOutCluster cluster, Duration window) {
        List<ScaleOutCluster.Edge> edges = cluster.edges();
        if (window.isZero()) {
            return none(edges.size());
        }
        double[] before = new double[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            before[e] = ProcessCpu.seconds(edges.get(e).process().handle());
        }
        double kafkaBefore = ProcessCpu.seconds(cluster.kafka().handle());
        long start = System.nanoTime();
        LockSupport.parkNanos(window.toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] cores = new double[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            cores[e] = (ProcessCpu.seconds(edges.get(e).process().handle()) - before[e]) / seconds;
        }
        return new IdleCores(cores, (ProcessCpu.seconds(cluster.kafka().handle()) - kafkaBefore) / seconds);
    }
}
