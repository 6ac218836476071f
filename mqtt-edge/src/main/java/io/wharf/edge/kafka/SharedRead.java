package io.wharf.edge.kafka;

import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LoggedMessage;
import java.util.List;

/**
 * How one read of a partition answers every session waiting to catch up on it. Sessions that
 * reconnect together (a fleet after an outage) ask for the same records, often from the same
 * offset: the partition is read once, from the earliest offset asked for, and each session gets its
 * own part. Plain decisions, kept apart from the consumer that carries them out.
 */
final class SharedRead {

    /** The most offsets one read covers, whatever the sessions ask for together. */
    static final int MAX_OFFSETS = 4096;

    private SharedRead() {}

    /** What one session asks for: up to {@code maxRecords} messages from {@code fromOffset} on. */
    record Asked(long fromOffset, int maxRecords) {}

    /** Where the read starts: the earliest offset any of them asks for. */
    static long from(List<Asked> asked) {
        long from = Long.MAX_VALUE;
        for (Asked one : asked) {
            from = Math.min(from, one.fromOffset());
        }
        return from;
    }

    /**
     * Where the read may stop: far enough for the request reaching furthest, but not past the end,
     * nor more than {@link #MAX_OFFSETS} past the start.
     */
    static long until(List<Asked> asked, long end) {
        long from = from(asked);
        long furthest = from;
        for (Asked one : asked) {
            furthest = Math.max(furthest, one.fromOffset() + one.maxRecords());
        }
        return Math.min(end, Math.min(furthest, from + MAX_OFFSETS));
    }

    /**
     * False for a request the read did not reach: it waits for the next read instead. A request
     * from where the read started is always answered, even by a read that got nowhere.
     */
    static boolean covers(long fromOffset, long readFrom, long readNext, long end) {
        return fromOffset <= readFrom || fromOffset < readNext || fromOffset >= end;
    }

    /**
     * One session's part of a read that {@link #covers} it.
     *
     * @param read the messages read, in offset order
     * @param readNext the offset after the last record read
     * @param logStart the log's first offset, or -1 when the read started at a record the log still had
     */
    static ReadBatch batchFor(Asked asked, List<LoggedMessage> read, long readNext, long end, long logStart) {
        long fromOffset = asked.fromOffset();
        if (fromOffset >= end) {
            return new ReadBatch(List.of(), fromOffset, end, 0); // nothing to read yet; nothing lost
        }
        int first = firstAtOrAfter(read, fromOffset);
        int last = Math.min(read.size(), first + asked.maxRecords());
        List<LoggedMessage> mine = read.subList(first, last);
        // Cut short by its own maximum, a session goes on after its last message; else after the read.
        long next = last < read.size() && !mine.isEmpty()
                ? mine.get(mine.size() - 1).position().offset() + 1
                : readNext;
        long lost = logStart > fromOffset ? logStart - fromOffset : 0;
        return new ReadBatch(List.copyOf(mine), next, end, lost);
    }

    private static int firstAtOrAfter(List<LoggedMessage> read, long offset) {
        int low = 0;
        int high = read.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (read.get(middle).position().offset() < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
