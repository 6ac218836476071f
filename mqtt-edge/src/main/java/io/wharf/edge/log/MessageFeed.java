package io.wharf.edge.log;

import io.wharf.edge.message.LogPartition;
import io.wharf.schemas.topic.TopicFilter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The live stream of messages from the log, read only where the edge's subscriptions need it.
 * Matching messages go to the subscription registry the feed was built with.
 */
public interface MessageFeed {

    /**
     * Makes sure every message appended from now on whose topic matches {@code filter} reaches the
     * registry (which must already hold the subscription).
     *
     * @return once that holds: for each partition that can hold a match, the offset from which the
     *     feed hands over every record; earlier records are the subscriber's to read, if it wants
     *     them
     */
    CompletableFuture<Map<LogPartition, Long>> follow(TopicFilter filter);

    /** Says that one subscription to {@code filter} is gone, so its part of the log may be dropped. */
    void unfollow(TopicFilter filter);
}
