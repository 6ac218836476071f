package io.wharf.edge.admin;

import io.wharf.edge.message.LogPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How far a session's cursor is behind the log: the records of the partitions it reads that it has
 * not come to yet. They include records that will not match its subscriptions, so this is the most
 * messages that may be queued for it.
 */
@FunctionalInterface
public interface CursorLag {

    /** The records between each partition's cursor ({@code next}) and its end, added up. */
    CompletableFuture<Long> behind(Map<LogPartition, Long> next);
}
