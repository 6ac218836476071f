package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LogPartition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a session needs to continue on another connection: its subscriptions, how far it has
 * got in each partition of the log, the messages in flight to the client (positions only; they are
 * read again to be re-sent) and the QoS 2 packet ids received from the client and not yet released.
 *
 * @param expiryIntervalSeconds how long the session outlives its connection
 * @param savedAtMs when the connection ended (0 while connected); expiry counts from here
 * @param will the connection's will not yet published, or null
 */
public record SessionSnapshot(
        String clientId,
        long expiryIntervalSeconds,
        Map<String, SubscriptionOptions> subscriptions,
        Map<LogPartition, Long> nextOffsets,
        List<InFlight> inFlight,
        Set<Integer> inboundQos2,
        long savedAtMs,
        PendingWill will) {

    public SessionSnapshot {
        subscriptions = Map.copyOf(subscriptions);
        nextOffsets = Map.copyOf(nextOffsets);
        inFlight = List.copyOf(inFlight);
        inboundQos2 = Set.copyOf(inboundQos2);
    }

    /** The same state, also recording these QoS 2 packet ids. */
    public SessionSnapshot withInboundQos2(Set<Integer> more) {
        Set<Integer> ids = new TreeSet<>(inboundQos2);
        ids.addAll(more);
        return new SessionSnapshot(
                clientId, expiryIntervalSeconds, subscriptions, nextOffsets, inFlight, ids, savedAtMs, will);
    }
}
