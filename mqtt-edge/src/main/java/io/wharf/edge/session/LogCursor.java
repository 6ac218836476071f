package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A way through the log for one reader of it (a session, or one replay of a session): how far it
 * got in each partition, which partitions the live feed serves and which it reads itself, from
 * where it got to. It reads one batch at a time, and only while the client can take more, so what
 * it holds in memory stays one batch however far behind it is. Optionally it ends at given
 * offsets. Used on its reader's event loop only.
 */
final class LogCursor {

    private static final Logger log = LoggerFactory.getLogger(LogCursor.class);
    private static final long READ_RETRY_MS = 1000;

    /** Whose cursor it is: what matches, and where messages go. */
    interface Reader {
        /** The reader's subscriptions that {@code message} matches; empty when none. */
        List<SubscriptionOptions> matching(LoggedMessage message);

        /** Sends a message if the client can take it now; false when it must wait. */
        boolean offer(LoggedMessage message, List<SubscriptionOptions> matched);

        /** The client can take more now (the in-flight window has room, the socket is writable). */
        boolean canTakeMore();

        /** The cursor moved: its progress is worth storing. */
        void progressed();

        /** The cursor needs the reader to send what waits and read on. */
        void wake();
    }

    private final String owner;
    private final LogReader logReader;
    private final int batchSize;
    private final EventExecutor executor;
    private final Reader reader;
    private final Map<LogPartition, PartitionProgress> partitions = new HashMap<>();
    private Map<LogPartition, Long> stopAt;
    private boolean reading;
    private boolean closed;

    /** @param owner names the reader in log lines */
    LogCursor(String owner, LogReader logReader, int batchSize, EventExecutor executor, Reader reader) {
        this.owner = owner;
        this.logReader = logReader;
        this.batchSize = batchSize;
        this.executor = executor;
        this.reader = reader;
    }

    /** Restores a stored position: the partition is read from {@code next} until it can go live. */
    void restore(LogPartition partition, long next) {
        partitions.put(partition, new PartitionProgress(next, false, next));
    }

    /** A new subscription's partitions: live from the given offsets unless already followed. */
    void followFrom(Map<LogPartition, Long> liveFrom) {
        liveFrom.forEach((partition, offset) ->
                partitions.computeIfAbsent(partition, key -> new PartitionProgress(offset, true, offset)));
    }

    /**
     * Partitions to read from {@code starts} until the live feed's offsets in {@code liveFrom}
     * (null: the feed never takes over).
     */
    void readFrom(Map<LogPartition, Long> starts, Map<LogPartition, Long> liveFrom) {
        starts.forEach((partition, start) -> {
            long live = liveFrom == null ? Long.MAX_VALUE : liveFrom.getOrDefault(partition, start);
            partitions.put(partition, new PartitionProgress(start, false, live));
        });
    }

    /** A resumed reader catches up from its stored position until the live feed's offsets. */
    void catchUpTo(Map<LogPartition, Long> liveFrom) {
        liveFrom.forEach((partition, offset) -> {
            PartitionProgress progress = partitions.get(partition);
            if (progress == null) {
                partitions.put(partition, new PartitionProgress(offset, true, offset));
            } else {
                progress.startCatchingUp(offset);
            }
        });
    }

    /**
     * From now on the cursor ends at these offsets (exclusive): the live feed no longer serves it,
     * every partition is read from the log up to its end offset.
     */
    void stopAt(Map<LogPartition, Long> ends) {
        stopAt = Map.copyOf(ends);
        partitions.values().forEach(progress -> progress.startCatchingUp(Long.MAX_VALUE));
    }

    /** True once every partition is read to its end offset. */
    boolean reachedEnd() {
        return stopAt != null && partitions.keySet().stream().allMatch(this::isDone);
    }

    private boolean isDone(LogPartition partition) {
        return stopAt != null && partitions.get(partition).next >= stopAt.getOrDefault(partition, 0L);
    }

    /** Where to go on from, for each partition. */
    Map<LogPartition, Long> nextOffsets() {
        Map<LogPartition, Long> next = new HashMap<>();
        partitions.forEach((partition, progress) -> next.put(partition, progress.next));
        return next;
    }

    /**
     * A record from the live feed. While a partition catches up (or {@code holdBack}), live records
     * are left for the reads to pick up.
     */
    void onLive(LoggedMessage message, List<SubscriptionOptions> matched, boolean holdBack) {
        PartitionProgress progress = partitions.get(message.position().logPartition());
        if (progress == null || closed) {
            return; // not (or no longer) following this partition
        }
        long offset = message.position().offset();
        if (!progress.live || holdBack) {
            progress.ignoreLive(offset);
            return;
        }
        if (offset < progress.next) {
            return; // already delivered by catching up
        }
        if (!reader.offer(message, matched)) {
            progress.ignoreLive(offset); // too slow for the live stream: read it from the log later
            reader.wake();
            return;
        }
        progress.next = offset + 1;
        reader.progressed();
    }

    /** Starts the next read if a partition is behind and the client can take more. */
    void readMore() {
        if (reading || closed) {
            return;
        }
        for (Map.Entry<LogPartition, PartitionProgress> entry : partitions.entrySet()) {
            PartitionProgress progress = entry.getValue();
            if (progress.live || isDone(entry.getKey())) {
                continue;
            }
            if (progress.canGoLive()) {
                progress.live = true;
                continue;
            }
            if (!reader.canTakeMore()) {
                return;
            }
            reading = true;
            LogPartition partition = entry.getKey();
            logReader
                    .read(partition, progress.next, batchSize)
                    .whenCompleteAsync((batch, error) -> onRead(partition, progress, batch, error), executor);
            return;
        }
    }

    private void onRead(LogPartition partition, PartitionProgress progress, ReadBatch batch, Throwable error) {
        reading = false;
        if (closed || partitions.get(partition) != progress) {
            return;
        }
        if (error != null) {
            log.warn("{}: reading {} failed, retrying: {}", owner, partition, error.toString());
            executor.schedule(reader::wake, READ_RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        if (batch.lostRecords() > 0) {
            log.warn(
                    "{}: {} records of {} were deleted by retention before they were read",
                    owner,
                    batch.lostRecords(),
                    partition);
        }
        long end = stopAt == null ? Long.MAX_VALUE : stopAt.getOrDefault(partition, 0L);
        for (LoggedMessage message : batch.messages()) {
            long offset = message.position().offset();
            if (offset >= end) {
                break;
            }
            if (offset < progress.next) {
                continue;
            }
            List<SubscriptionOptions> matched = reader.matching(message);
            if (!matched.isEmpty() && !reader.offer(message, matched)) {
                reader.progressed();
                return; // full: the rest is read again when the client has acknowledged some
            }
            progress.next = offset + 1;
        }
        progress.next = Math.max(progress.next, Math.min(batch.nextOffset(), end));
        if (progress.canGoLive()) {
            progress.live = true;
        }
        reader.progressed();
        reader.wake();
    }

    /** The reader is gone: reads under way are dropped. */
    void close() {
        closed = true;
    }
}
