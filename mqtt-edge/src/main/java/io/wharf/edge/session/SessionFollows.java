package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.message.LogPartition;
import io.wharf.schemas.topic.TopicFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed's following of a session's subscriptions. The feed counts its followers per
 * partition, so a session gives back exactly what it took: nothing for a follow that failed, and
 * only once a follow is done. Used on the session's event loop only.
 */
final class SessionFollows {

    private static final Logger log = LoggerFactory.getLogger(SessionFollows.class);
    private static final long RETRY_MS = 1000;

    /** The session, as its follows see it. */
    interface Owner {
        /** Whether the client is connected and still has this subscription. */
        boolean wants(TopicFilter filter);

        /** A follow that was tried again has succeeded: the session reads on. */
        void wake();
    }

    private final String clientId;
    private final MessageFeed feed;
    private final EventExecutor executor;
    private final LogCursor cursor;
    private final Owner owner;
    private final Map<TopicFilter, CompletableFuture<?>> follows = new HashMap<>();

    SessionFollows(String clientId, MessageFeed feed, EventExecutor executor, LogCursor cursor, Owner owner) {
        this.clientId = clientId;
        this.feed = feed;
        this.executor = executor;
        this.cursor = cursor;
        this.owner = owner;
    }

    /**
     * A new subscription, live from the offsets the feed takes now. Fails, having taken nothing, when
     * the feed cannot follow it; completes on the event loop.
     */
    CompletableFuture<Void> followNew(TopicFilter filter) {
        CompletableFuture<Map<LogPartition, Long>> followed = follow(filter);
        return followed.thenAcceptAsync(cursor::followFrom, executor)
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                follows.remove(filter, followed);
                            }
                        },
                        executor);
    }

    /** Whether the feed follows (or is taking up) the filter for the session. */
    boolean isFollowing(TopicFilter filter) {
        return follows.containsKey(filter);
    }

    /**
     * A resumed subscription: the session catches up from its stored position to where the feed takes
     * over. If the feed fails, it tries again while the session still wants the filter.
     */
    CompletableFuture<Void> catchUp(TopicFilter filter) {
        CompletableFuture<Map<LogPartition, Long>> followed = follow(filter);
        return followed.handleAsync(
                (liveFrom, error) -> {
                    if (error == null) {
                        cursor.catchUpTo(liveFrom);
                    } else if (follows.remove(filter, followed) && owner.wants(filter)) {
                        log.warn(
                                "{}: following {} failed, trying again: {}", clientId, filter.text(), error.toString());
                        executor.schedule(
                                () -> {
                                    if (owner.wants(filter) && !follows.containsKey(filter)) {
                                        catchUp(filter).thenRun(owner::wake);
                                    }
                                },
                                RETRY_MS,
                                TimeUnit.MILLISECONDS);
                    }
                    return null;
                },
                executor);
    }

    /** Gives the feed back what the filter's follow took. */
    void unfollow(TopicFilter filter) {
        CompletableFuture<?> followed = follows.remove(filter);
        if (followed != null) {
            followed.thenRun(() -> feed.unfollow(filter));
        }
    }

    private CompletableFuture<Map<LogPartition, Long>> follow(TopicFilter filter) {
        CompletableFuture<Map<LogPartition, Long>> followed = feed.follow(filter);
        follows.put(filter, followed);
        return followed;
    }
}
