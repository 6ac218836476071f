package io.wharf.edge.log;

import io.wharf.edge.message.LogPartition;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a partition of the log from a given offset: how a session catches up with what it missed
 * while offline or while it was too slow for the live stream.
 */
public interface LogReader {

    /**
     * Reads up to {@code maxRecords} records of {@code partition} from {@code fromOffset}. The
     * future completes on a reader thread.
     */
    CompletableFuture<ReadBatch> read(LogPartition partition, long fromOffset, int maxRecords);
}
