package io.wharf.edge.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing: counts the recent refusals of each client host and says how long the next
 * refusal's answer waits. The first refusal is answered at once; each further one within
 * {@code window} of the last waits twice as long as the one before, from {@code firstDelay} up to
 * {@code maxDelay}. A host quiet for {@code window} starts afresh. At most {@code maxHosts} hosts
 * are remembered (the longest quiet is forgotten first), so a flood of addresses costs bounded
 * memory. Called from every event loop, for a few map operations each time.
 */
public final class FailedAttempts {

    private final int maxHosts;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Map<String, Record> byHost;

    private record Record(int failures, Instant last) {}

    public FailedAttempts(int maxHosts, Duration window, Duration firstDelay, Duration maxDelay) {
        this.maxHosts = maxHosts;
        this.window = window;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.byHost = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > FailedAttempts.this.maxHosts;
            }
        };
    }

    /** Counts a refusal of {@code host} at {@code now}, and says how long its answer waits. */
    public synchronized Duration refused(String host, Instant now) {
        Record earlier = byHost.get(host);
        int before = earlier == null || !now.isBefore(earlier.last().plus(window)) ? 0 : earlier.failures();
        byHost.put(host, new Record(before + 1, now));
        return delayAfter(before);
    }

    /** How many hosts are remembered now. */
    public synchronized int size() {
        return byHost.size();
    }

    private Duration delayAfter(int earlierFailures) {
        if (earlierFailures == 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(earlierFailures - 1, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
