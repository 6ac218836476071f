package io.wharf.edge.delivery;

import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every subscription of every client connected to this edge, and the fan-out of messages to them. */
public final class SubscriptionRegistry {

    private final SubscriptionTrie<Subscriber, SubscriptionOptions> trie = new SubscriptionTrie<>();

    public void add(TopicFilter filter, Subscriber subscriber, SubscriptionOptions options) {
        trie.add(filter, subscriber, options);
    }

    public boolean remove(TopicFilter filter, Subscriber subscriber) {
        return trie.remove(filter, subscriber);
    }

    /**
     * Hands each message to each subscriber with a matching subscription, once per subscriber with
     * all its matching subscriptions; a subscriber gets everything of the batch for it in one hand-over,
     * in order, which costs its thread one task instead of one per message.
     */
    public void dispatch(List<LoggedMessage> batch) {
        Map<Subscriber, List<Delivery>> bySubscriber = new LinkedHashMap<>();
        Map<Subscriber, List<SubscriptionOptions>> matches = new LinkedHashMap<>();
        for (LoggedMessage message : batch) {
            matches.clear();
            trie.match(
                    message.message().topic(),
                    (subscriber, options) -> matches.computeIfAbsent(subscriber, key -> new ArrayList<>(1))
                            .add(options));
            matches.forEach((subscriber, options) -> bySubscriber
                    .computeIfAbsent(subscriber, key -> new ArrayList<>())
                    .add(new Delivery(message, options)));
        }
        bySubscriber.forEach(Subscriber::deliver);
    }
}
