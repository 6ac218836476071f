package io.wharf.edge.delivery;

import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** Every subscription of every client connected to this edge, and the fan-out of messages to them. */
public final class SubscriptionRegistry {

    private final SubscriptionTrie<Subscriber, SubscriptionOptions> trie = new SubscriptionTrie<>();

    public void add(TopicFilter filter, Subscriber subscriber, SubscriptionOptions options) {
        trie.add(filter, subscriber, options);
    }

    public boolean remove(TopicFilter filter, Subscriber subscriber) {
        return trie.remove(filter, subscriber);
    }

    /** How many subscriptions the connected clients hold. */
    public int size() {
        return trie.size();
    }

    /**
     * Hands each message to each subscriber with a matching subscription, once per subscriber with
     * all its matching subscriptions. Each topic of the batch is matched once; each thread gets one
     * task for the whole batch, in which each of its subscribers takes up everything for it, in
     * order; {@code backlog} counts it until then.
     */
    public void dispatch(List<LoggedMessage> batch, DispatchBacklog backlog) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<Match>> matchesByTopic = new HashMap<>();
        Map<Executor, Map<Subscriber, List<Delivery>>> byThread = new LinkedHashMap<>();
        for (LoggedMessage message : batch) {
            List<Match> matches =
                    matchesByTopic.computeIfAbsent(message.message().topic(), this::match);
            for (Match match : matches) {
                byThread.computeIfAbsent(match.subscriber.executor(), key -> new LinkedHashMap<>())
                        .computeIfAbsent(match.subscriber, key -> new ArrayList<>())
                        .add(new Delivery(message, match.options));
            }
        }
        byThread.forEach(backlog::handOver);
    }

    /** Each subscriber whose subscriptions match {@code topic}, with those subscriptions. */
    private List<Match> match(String topic) {
        Map<Subscriber, List<SubscriptionOptions>> bySubscriber = new LinkedHashMap<>();
        trie.match(
                topic,
                (subscriber, options) -> bySubscriber
                        .computeIfAbsent(subscriber, key -> new ArrayList<>(1))
                        .add(options));
        if (bySubscriber.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>(bySubscriber.size());
        bySubscriber.forEach((subscriber, options) -> matches.add(new Match(subscriber, List.copyOf(options))));
        return matches;
    }

    private record Match(Subscriber subscriber, List<SubscriptionOptions> options) {}
}
