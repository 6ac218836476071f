package io.wharf.edge.retained;

import io.wharf.edge.log.RetainedMessages;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.session.Expiry;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.schemas.topic.TopicNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The newest retained message of every topic, as a tree of topic levels so that a subscription's
 * filter finds its matches without scanning every topic. Updates come from the retained topic's
 * reader and from this edge's own writes; the one with the higher log offset wins, so the order they
 * arrive in does not matter. Safe for concurrent use.
 */
public final class RetainedIndex implements RetainedMessages {

    private final Node root = new Node();
    private final AtomicInteger size = new AtomicInteger();
    private final Clock clock;

    public RetainedIndex() {
        this(Clock.systemUTC());
    }

    /** An index whose retained messages expire by {@code clock} (a test's own, to need no sleeps). */
    public RetainedIndex(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the retained state of a topic.
     *
     * @param message the retained message, or null when it was cleared
     * @param offset the log offset of the change
     */
    public void apply(String topic, LoggedMessage message, long offset) {
        Node node = root;
        for (String level : topic.split("/", -1)) {
            node = node.children.computeIfAbsent(level, key -> new Node());
        }
        synchronized (node) {
            if (offset < node.offset) {
                return; // an older change arriving late
            }
            if (node.message == null && message != null) {
                size.incrementAndGet();
            } else if (node.message != null && message == null) {
                size.decrementAndGet();
            }
            node.offset = offset;
            node.message = message;
        }
    }

    /** How many topics have a retained message. */
    public int size() {
        return size.get();
    }

    @Override
    public List<LoggedMessage> matching(TopicFilter filter) {
        List<LoggedMessage> found = new ArrayList<>();
        collect(root, filter.levels(), 0, found, clock.millis());
        return found;
    }

    private static void collect(Node node, List<String> levels, int depth, List<LoggedMessage> found, long nowMs) {
        if (depth == levels.size()) {
            add(node, found, nowMs);
            return;
        }
        String level = levels.get(depth);
        if (level.equals(TopicFilter.MULTI_LEVEL)) {
            add(node, found, nowMs); // "a/#" matches "a" too
            node.children.forEach((name, child) -> {
                if (!(depth == 0 && TopicNames.isDollarTopic(name))) {
                    collectAll(child, found, nowMs);
                }
            });
        } else if (level.equals(TopicFilter.SINGLE_LEVEL)) {
            node.children.forEach((name, child) -> {
                if (!(depth == 0 && TopicNames.isDollarTopic(name))) {
                    collect(child, levels, depth + 1, found, nowMs);
                }
            });
        } else {
            Node child = node.children.get(level);
            if (child != null) {
                collect(child, levels, depth + 1, found, nowMs);
            }
        }
    }

    private static void collectAll(Node node, List<LoggedMessage> found, long nowMs) {
        add(node, found, nowMs);
        node.children.values().forEach(child -> collectAll(child, found, nowMs));
    }

    private static void add(Node node, List<LoggedMessage> found, long nowMs) {
        LoggedMessage message = node.message;
        if (message != null && !Expiry.hasExpired(message.message(), nowMs)) {
            found.add(message);
        }
    }

    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>();
        volatile LoggedMessage message;
        long offset = -1;
    }
}
