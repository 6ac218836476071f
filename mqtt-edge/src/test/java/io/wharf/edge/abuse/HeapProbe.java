package io.wharf.edge.abuse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What the heap of this JVM grows by while an abuse runs: used heap after a full collection, minus
 * the same before the abuse began.
 *
 * <p>The edge runs inside the test JVM (as {@link io.wharf.edge.RunningEdge}), next to the shared
 * Kafka broker and the abusive sockets. A separate edge process would give a cleaner figure, but
 * the launcher's jar is built after this module and would add an edge start per test to a suite
 * that must stay within a few minutes. The growth therefore also counts the test's own sockets
 * and the broker's drift; each bound says how much of it that is and leaves room for it.
 */
final class HeapProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long baseline;
    private long peakGrowth;

    private HeapProbe(long baseline) {
        this.baseline = baseline;
    }

    /** Takes the baseline: call it once the edge and the well-behaved client run, before the abuse. */
    static HeapProbe baseline() {
        return new HeapProbe(usedAfterGc());
    }

    /** The growth over the baseline now, kept if it is the largest seen. */
    long sample() {
        long growth = usedAfterGc() - baseline;
        peakGrowth = Math.max(peakGrowth, growth);
        return growth;
    }

    long peakGrowth() {
        return peakGrowth;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long usedAfterGc() {
        MEMORY.gc(); // a full collection: it pauses the edge too, so tests sample every few seconds
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
