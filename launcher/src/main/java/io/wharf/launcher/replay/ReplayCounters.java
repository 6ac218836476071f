package io.wharf.launcher.replay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a replay has done so far; updated by the reader and by the sink's acknowledgements. */
final class ReplayCounters {

    final AtomicLong read = new AtomicLong();
    final AtomicLong matched = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** Counts a message the target refused, and keeps the first reason for the summary. */
    void failed(String reason) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }

    String firstFailure() {
        return firstFailure.get();
    }

    Snapshot snapshot() {
        return new Snapshot(read.get(), matched.get(), sent.get(), skipped.get(), failed.get());
    }

    /** The counters at one moment. */
    record Snapshot(long read, long matched, long sent, long skipped, long failed) {}
}
