package io.wharf.loadtest.edges;

import java.util.concurrent.atomic.AtomicLongArray;

/** Messages published to each of a step's topics during one phase (warm-up or measured). */
final class TopicCounts {

    private final AtomicLongArray counts;

    TopicCounts(int topics) {
        this.counts = new AtomicLongArray(topics);
    }

    void published(int topic) {
        counts.incrementAndGet(topic);
    }

    long[] perTopic() {
        long[] copy = new long[counts.length()];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = counts.get(t);
        }
        return copy;
    }

    long total() {
        long total = 0;
        for (int t = 0; t < counts.length(); t++) {
            total += counts.get(t);
        }
        return total;
    }
}
