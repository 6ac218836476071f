package io.wharf.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to the messages of one QoS in a fault test: how many were sent, acknowledged by the
 * broker, and received by the subscriber, and so which acknowledged ones were lost or came twice.
 * Payloads identify messages, so each must be unique.
 */
public final class TrafficLedger {

    private final int qos;
    private final AtomicLong sent = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();

    public TrafficLedger(int qos) {
        this.qos = qos;
    }

    public int qos() {
        return qos;
    }

    public void sent() {
        sent.incrementAndGet();
    }

    public void acknowledged(String payload) {
        acknowledged.add(payload);
    }

    public void failed() {
        failed.incrementAndGet();
    }

    public void received(String payload) {
        received.merge(payload, 1, Integer::sum);
    }

    public long sentCount() {
        return sent.get();
    }

    public long acknowledgedCount() {
        return acknowledged.size();
    }

    public long failedCount() {
        return failed.get();
    }

    public long receivedCount() {
        return received.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Acknowledged by the broker, never delivered to the subscriber, in payload order. */
    public List<String> lost() {
        return acknowledged.stream()
                .filter(payload -> !received.containsKey(payload))
                .sorted()
                .toList();
    }

    /** Every publish answered, and everything acknowledged delivered. */
    public boolean settled() {
        return acknowledgedCount() + failedCount() >= sentCount() && lost().isEmpty();
    }

    /** One line for a test's log. */
    public String report() {
        return "sent " + sentCount() + ", acked " + acknowledgedCount() + ", failed " + failedCount() + ", lost "
                + lost().size() + ", duplicated " + duplicates();
    }

    /** The payloads delivered more than once. */
    public List<String> duplicated() {
        return received.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Delivered more than once. */
    public long duplicates() {
        return received.values().stream()
                .filter(count -> count > 1)
                .mapToLong(count -> count - 1)
                .sum();
    }
}
