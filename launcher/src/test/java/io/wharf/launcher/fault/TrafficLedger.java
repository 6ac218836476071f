package io.wharf.launcher.fault;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to the messages of one QoS: how many were sent, acknowledged by the broker, and
 * received by the subscriber, and so which acknowledged ones were lost or came twice.
 */
final class TrafficLedger {

  private final int qos;
  private final AtomicLong sent = new AtomicLong();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> received = new ConcurrentHashMap<>();
  private final AtomicLong failed = new AtomicLong();

  TrafficLedger(int qos) {
    this.qos = qos;
  }

  int qos() {
    return qos;
  }

  void sent() {
    sent.incrementAndGet();
  }

  void acknowledged(String payload) {
    acknowledged.add(payload);
  }

  void failed() {
    failed.incrementAndGet();
  }

  void received(String payload) {
    received.merge(payload, 1, Integer::sum);
  }

  long sentCount() {
    return sent.get();
  }

  long acknowledgedCount() {
    return acknowledged.size();
  }

  long failedCount() {
    return failed.get();
  }

  long receivedCount() {
    return received.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** Acknowledged by the broker, never delivered to the subscriber. */
  Set<String> lost() {
    Set<String> lost = ConcurrentHashMap.newKeySet();
    acknowledged.stream().filter(payload -> !received.containsKey(payload)).forEach(lost::add);
    return lost;
  }

  /** Delivered more than once. */
  long duplicates() {
    return received.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
  }
}
