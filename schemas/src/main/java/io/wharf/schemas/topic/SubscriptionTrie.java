package io.wharf.schemas.topic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Subscriptions by topic filter, organised by level so that matching a topic costs its depth, not
 * the number of subscriptions. Matching is lock-free and may run on any thread while subscriptions
 * change; changes are serialised among themselves.
 *
 * @param <S> who subscribed
 * @param <O> what they asked for with the subscription
 */
public final class SubscriptionTrie<S, O> {

    private final Node<S, O> root = new Node<>();
    private int size;

    /** Adds a subscription, or replaces the options of the same subscriber's same filter. */
    public synchronized void add(TopicFilter filter, S subscriber, O options) {
        Node<S, O> node = root;
        for (String level : filter.levels()) {
            node = node.children.computeIfAbsent(level, key -> new Node<>());
        }
        if (node.subscribers.put(subscriber, options) == null) {
            size++;
        }
    }

    /** Removes a subscription; returns false if there was none. */
    public synchronized boolean remove(TopicFilter filter, S subscriber) {
        boolean removed = remove(root, filter.levels(), 0, subscriber);
        if (removed) {
            size--;
        }
        return removed;
    }

    /** How many subscriptions the trie holds. */
    public synchronized int size() {
        return size;
    }

    /** Calls {@code visitor} once for every subscription whose filter matches {@code topic}. */
    public void match(String topic, BiConsumer<S, O> visitor) {
        match(root, levels(topic), 0, TopicNames.isDollarTopic(topic), visitor);
    }

    /** The levels of a topic, empty ones included; as {@code split("/", -1)} without its list and regex checks. */
    static String[] levels(String topic) {
        int count = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                count++;
            }
        }
        String[] levels = new String[count];
        int start = 0;
        for (int level = 0; level < count - 1; level++) {
            int end = topic.indexOf('/', start);
            levels[level] = topic.substring(start, end);
            start = end + 1;
        }
        levels[count - 1] = topic.substring(start);
        return levels;
    }

    private static <S, O> void match(
            Node<S, O> node, String[] levels, int depth, boolean dollarTopic, BiConsumer<S, O> visitor) {
        boolean wildcardsAllowed = !(depth == 0 && dollarTopic);
        if (wildcardsAllowed) {
            Node<S, O> rest = node.children.get(TopicFilter.MULTI_LEVEL);
            if (rest != null) {
                rest.subscribers.forEach(visitor);
            }
        }
        if (depth == levels.length) {
            node.subscribers.forEach(visitor);
            return;
        }
        if (wildcardsAllowed) {
            Node<S, O> any = node.children.get(TopicFilter.SINGLE_LEVEL);
            if (any != null) {
                match(any, levels, depth + 1, dollarTopic, visitor);
            }
        }
        Node<S, O> exact = node.children.get(levels[depth]);
        if (exact != null) {
            match(exact, levels, depth + 1, dollarTopic, visitor);
        }
    }

    private static <S, O> boolean remove(Node<S, O> node, List<String> levels, int depth, S subscriber) {
        if (depth == levels.size()) {
            return node.subscribers.remove(subscriber) != null;
        }
        Node<S, O> child = node.children.get(levels.get(depth));
        if (child == null) {
            return false;
        }
        boolean removed = remove(child, levels, depth + 1, subscriber);
        if (child.isEmpty()) {
            node.children.remove(levels.get(depth));
        }
        return removed;
    }

    private static final class Node<S, O> {
        final Map<String, Node<S, O>> children = new ConcurrentHashMap<>();
        final Map<S, O> subscribers = new ConcurrentHashMap<>();

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty();
        }
    }
}
