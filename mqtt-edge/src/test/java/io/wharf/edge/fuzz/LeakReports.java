package io.wharf.edge.fuzz;

import ch.qos.logback.classic.Level;
import io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detector at its paranoid level, its reports turned from log lines into failures: a
 * buffer collected without being released is reported when the detector next tracks one, so a
 * report may come some inputs after the one that leaked (the {@link CountingAllocator} pins those it
 * allocated on the input at once).
 */
final class LeakReports {

    private static final LogWatch REPORTS;

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        REPORTS = LogWatch.of(ResourceLeakDetector.class, Level.ERROR, "Netty reported a leak");
    }

    private LeakReports() {}

    static void assertNone() {
        REPORTS.assertNone();
    }
}
