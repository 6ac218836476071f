package io.wharf.schemas.session;

import java.time.Instant;
import java.util.List;

/**
 * What a session is: its subscriptions, how far it got in each partition of the message log, the
 * messages in flight to the client, and the QoS 2 packet ids received and not yet released.
 *
 * @param expiryIntervalSeconds how long the session outlives a connection
 * @param next per partition: every record below this offset was delivered (or in flight, or did
 *     not match)
 * @param disconnectedAt when the client's connection ended; null while connected
 */
public record SessionState(
    long expiryIntervalSeconds,
    List<Subscription> subscriptions,
    List<PartitionOffset> next,
    List<InFlightMessage> inFlight,
    List<Integer> inboundQos2,
    Instant disconnectedAt) {

  public SessionState {
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    next = next == null ? List.of() : List.copyOf(next);
    inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
    inboundQos2 = inboundQos2 == null ? List.of() : List.copyOf(inboundQos2);
  }

  /** One subscription and its MQTT options. */
  public record Subscription(
      String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {}

  /** An offset in one partition of a Kafka topic. */
  public record PartitionOffset(String topic, int partition, long offset) {}

  /**
   * A QoS 1 or 2 message sent and not yet acknowledged, by its place in the log; it is read again
   * to be re-sent with the same packet id.
   *
   * @param released QoS 2: PUBREC came and PUBREL went; only PUBCOMP is awaited
   */
  public record InFlightMessage(
      int packetId, String topic, int partition, long offset, int qos, boolean retain, List<Integer> subscriptionIds, boolean released) {

    public InFlightMessage {
      subscriptionIds = subscriptionIds == null ? List.of() : List.copyOf(subscriptionIds);
    }
  }
}
