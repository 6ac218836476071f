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
 * @param will the will of the current (or last) connection, not yet published; null for none
 */
public record SessionState(
        long expiryIntervalSeconds,
        List<Subscription> subscriptions,
        List<PartitionOffset> next,
        List<InFlightMessage> inFlight,
        List<Integer> inboundQos2,
        Instant disconnectedAt,
        Will will) {

    public SessionState {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        next = next == null ? List.of() : List.copyOf(next);
        inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
        inboundQos2 = inboundQos2 == null ? List.of() : List.copyOf(inboundQos2);
    }

    /** The same state, disconnected at {@code when} and with the will published (or dropped). */
    public SessionState endedAt(Instant when) {
        return new SessionState(expiryIntervalSeconds, subscriptions, next, inFlight, inboundQos2, when, null);
    }

    /** The same state, disconnected at {@code when}, the will still pending. */
    public SessionState disconnectedAt(Instant when) {
        return new SessionState(expiryIntervalSeconds, subscriptions, next, inFlight, inboundQos2, when, will);
    }

    /** One subscription and its MQTT options. */
    public record Subscription(
            String filter,
            int qos,
            boolean noLocal,
            boolean retainAsPublished,
            int retainHandling,
            int subscriptionId) {}

    /** An offset in one partition of a Kafka topic. */
    public record PartitionOffset(String topic, int partition, long offset) {}

    /**
     * A will, already in the form of the Kafka record it becomes when published (key = topic, value
     * = payload, MQTT metadata in headers), so that whoever publishes it copies it unchanged.
     *
     * @param retain whether it also becomes the topic's retained message
     * @param delaySeconds MQTT 5 will delay interval: it is due this long after the connection ended
     *     (or when the session ends, if sooner), unless the client is back before
     */
    public record Will(String topic, byte[] payload, List<Header> headers, boolean retain, long delaySeconds) {

        public Will {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }

        /** When it is due for a connection that ended at {@code disconnected}, in a session with this expiry. */
        public Instant dueAt(Instant disconnected, long sessionExpirySeconds) {
            return disconnected.plusSeconds(Math.min(delaySeconds, sessionExpirySeconds));
        }
    }

    /** A Kafka header: name and raw value. */
    public record Header(String key, byte[] value) {}

    /**
     * A QoS 1 or 2 message sent and not yet acknowledged, by its place in the log; it is read again
     * to be re-sent with the same packet id.
     *
     * @param released QoS 2: PUBREC came and PUBREL went; only PUBCOMP is awaited
     */
    public record InFlightMessage(
            int packetId,
            String topic,
            int partition,
            long offset,
            int qos,
            boolean retain,
            List<Integer> subscriptionIds,
            boolean released) {

        public InFlightMessage {
            subscriptionIds = subscriptionIds == null ? List.of() : List.copyOf(subscriptionIds);
        }
    }
}
