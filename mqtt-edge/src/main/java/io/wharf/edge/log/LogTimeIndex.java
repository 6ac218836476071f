package io.wharf.edge.log;

import io.wharf.edge.message.LogPartition;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where a point in time falls in the log: how a replay finds where to start and where to stop. */
public interface LogTimeIndex {

    /**
     * For every partition that can hold a message matching {@code filter}: the offset of the first
     * record written at or after {@code time}, or the partition's end offset when there is none.
     */
    CompletableFuture<Map<LogPartition, Long>> offsetsAt(TopicFilter filter, Instant time);
}
