package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.Subscriber;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A session's own subscriptions (not shared ones, not replays): registered with the edge, so that
 * the live stream hands the session what matches, and followed in the live feed. Used on the
 * session's event loop only.
 */
final class OwnSubscriptions {

    private final SubscriptionRegistry registry;
    private final Subscriber session;
    private final SessionFollows follows;
    private final EventExecutor executor;
    private final Runnable changed;
    private final Map<TopicFilter, SubscriptionOptions> byFilter = new LinkedHashMap<>();

    /** @param changed called when the subscriptions the session stores have changed */
    OwnSubscriptions(
            SubscriptionRegistry registry,
            Subscriber session,
            SessionFollows follows,
            EventExecutor executor,
            Runnable changed) {
        this.registry = registry;
        this.session = session;
        this.follows = follows;
        this.executor = executor;
        this.changed = changed;
    }

    /** A subscription of a stored session; it is registered when the session resumes. */
    void restore(TopicFilter filter, SubscriptionOptions options) {
        byFilter.put(filter, options);
    }

    boolean contains(TopicFilter filter) {
        return byFilter.containsKey(filter);
    }

    int count() {
        return byFilter.size();
    }

    /**
     * Adds or replaces a subscription. The future completes on the session's event loop once every
     * message published from now on that matches reaches this session.
     */
    CompletableFuture<Void> subscribe(TopicFilter filter, SubscriptionOptions options) {
        boolean isNew = byFilter.put(filter, options) == null;
        registry.add(filter, session, options);
        changed.run();
        if (!isNew) {
            return CompletableFuture.completedFuture(null);
        }
        return follows.followNew(filter)
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null && !follows.isFollowing(filter)) {
                                // SUBACK says it failed: the subscription is undone, and the feed keeps what others
                                // need.
                                byFilter.remove(filter);
                                registry.remove(filter, session);
                                changed.run();
                            }
                        },
                        executor);
    }

    /** Removes a subscription; returns false if there was none. */
    boolean unsubscribe(TopicFilter filter) {
        if (byFilter.remove(filter) == null) {
            return false;
        }
        registry.remove(filter, session);
        follows.unfollow(filter);
        changed.run();
        return true;
    }

    /**
     * A resumed session registers its subscriptions again and catches up with each; the futures
     * complete once each is live.
     */
    List<CompletableFuture<Void>> resume() {
        List<CompletableFuture<Void>> following = new ArrayList<>();
        byFilter.forEach((filter, options) -> {
            registry.add(filter, session, options);
            following.add(follows.catchUp(filter));
        });
        return following;
    }

    /** The connection closed: the live stream hands the session nothing more. */
    void leave() {
        byFilter.keySet().forEach(filter -> {
            registry.remove(filter, session);
            follows.unfollow(filter);
        });
    }

    /** The options of every subscription matching a topic. */
    List<SubscriptionOptions> matching(String topic) {
        List<SubscriptionOptions> matched = new ArrayList<>(1);
        byFilter.forEach((filter, options) -> {
            if (filter.matches(topic)) {
                matched.add(options);
            }
        });
        return matched;
    }

    /** Adds the subscriptions, as the client wrote them, to what the session stores. */
    void storeInto(Map<String, SubscriptionOptions> stored) {
        byFilter.forEach((filter, options) -> stored.put(filter.text(), options));
    }
}
