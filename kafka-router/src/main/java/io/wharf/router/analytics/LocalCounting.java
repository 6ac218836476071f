package io.wharf.router.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each message for the filters its topic matches within the stream task that reads it, and
 * hands the counts on per filter and window about once a second instead of per message: the
 * re-keying by filter, which crosses partitions, then carries a handful of records a second, not
 * one per message. The counts wait in a cached, logged store, so that a restarted task loses none.
 *
 * <p>A message later than the grace period, by the task's own stream time, is not counted, as the
 * window aggregate downstream would not count it either.
 */
final class LocalCounting extends ContextualProcessor<String, byte[], String, PartialTotals> {

    /** How often the counts are handed on; windows close downstream at most this much later. */
    static final Duration HAND_ON_INTERVAL = Duration.ofSeconds(1);

    static final String STORE = "analytics-local-counts";

    private final FilterMatcher matcher;
    private final long windowMs;
    private final long graceMs;
    private KeyValueStore<String, PartialTotals> counts;
    private long streamTimeMs = Long.MIN_VALUE;

    LocalCounting(FilterMatcher matcher, Duration window, Duration grace) {
        this.matcher = matcher;
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, PartialTotals> context) {
        super.init(context);
        counts = context.getStateStore(STORE);
        context.schedule(HAND_ON_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> handOn());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        long timestamp = record.timestamp();
        streamTimeMs = Math.max(streamTimeMs, timestamp);
        long windowStart = timestamp - Math.floorMod(timestamp, windowMs);
        if (windowStart + windowMs + graceMs <= streamTimeMs) {
            return; // its window has closed
        }
        for (String filter : matcher.matches(record.key())) {
            String key = key(windowStart, filter);
            PartialTotals known = counts.get(key);
            counts.put(
                    key,
                    known == null
                            ? PartialTotals.first(record.value().length, timestamp)
                            : known.plus(record.value().length, timestamp));
        }
    }

    /** Forwards every count, earliest window first, and forgets it. */
    private void handOn() {
        List<KeyValue<String, PartialTotals>> pending = new ArrayList<>();
        try (KeyValueIterator<String, PartialTotals> all = counts.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<String, PartialTotals> entry : pending) {
            String filter = entry.key.substring(entry.key.indexOf(' ') + 1);
            context().forward(new Record<>(filter, entry.value, entry.value.latestTimestampMs()));
            counts.delete(entry.key);
        }
    }

    /** The window's start, zero-padded so that the store's byte order is the windows' order, then the filter. */
    private static String key(long windowStart, String filter) {
        String digits = Long.toString(windowStart);
        return "0".repeat(Math.max(0, 19 - digits.length())) + digits + ' ' + filter;
    }
}
