package io.wharf.router.analytics;

/** The running count and payload bytes of one filter in one window: the aggregate's state. */
record WindowTotals(long count, long bytes) {

    static final WindowTotals NONE = new WindowTotals(0, 0);

    WindowTotals plus(PartialTotals partial) {
        return new WindowTotals(count + partial.count(), bytes + partial.bytes());
    }
}
