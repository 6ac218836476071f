package io.wharf.edge.kafka.session;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.session.InFlight;
import io.wharf.edge.session.SessionSnapshot;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.session.SessionState;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts between the edge's session snapshots and the stored session records' state. */
final class SessionStates {

    private SessionStates() {}

    static SessionState toState(SessionSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        List<SessionState.Subscription> subscriptions = snapshot.subscriptions().entrySet().stream()
                .map(entry -> {
                    SubscriptionOptions options = entry.getValue();
                    return new SessionState.Subscription(
                            entry.getKey(),
                            options.qos(),
                            options.noLocal(),
                            options.retainAsPublished(),
                            options.retainHandling(),
                            options.subscriptionId());
                })
                .toList();
        List<SessionState.PartitionOffset> next = snapshot.nextOffsets().entrySet().stream()
                .map(entry -> new SessionState.PartitionOffset(
                        entry.getKey().logTopic(), entry.getKey().partition(), entry.getValue()))
                .toList();
        List<SessionState.InFlightMessage> inFlight = snapshot.inFlight().stream()
                .map(entry -> new SessionState.InFlightMessage(
                        entry.packetId(),
                        entry.position().logTopic(),
                        entry.position().partition(),
                        entry.position().offset(),
                        entry.qos(),
                        entry.retain(),
                        entry.subscriptionIds(),
                        entry.released()))
                .toList();
        Instant disconnectedAt = snapshot.savedAtMs() == 0 ? null : Instant.ofEpochMilli(snapshot.savedAtMs());
        return new SessionState(
                snapshot.expiryIntervalSeconds(),
                subscriptions,
                next,
                inFlight,
                List.copyOf(snapshot.inboundQos2()),
                disconnectedAt,
                snapshot.will() == null
                        ? null
                        : WillRecords.stored(
                                snapshot.will().message(), snapshot.will().delaySeconds()));
    }

    static SessionSnapshot toSnapshot(String clientId, SessionState state) {
        if (state == null) {
            return null;
        }
        Map<String, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
        for (SessionState.Subscription subscription : state.subscriptions()) {
            subscriptions.put(
                    subscription.filter(),
                    new SubscriptionOptions(
                            subscription.qos(),
                            subscription.noLocal(),
                            subscription.retainAsPublished(),
                            subscription.retainHandling(),
                            subscription.subscriptionId()));
        }
        Map<LogPartition, Long> next = new HashMap<>();
        for (SessionState.PartitionOffset offset : state.next()) {
            next.put(new LogPartition(offset.topic(), offset.partition()), offset.offset());
        }
        List<InFlight> inFlight = state.inFlight().stream()
                .map(entry -> new InFlight(
                        entry.packetId(),
                        new LogPosition(entry.topic(), entry.partition(), entry.offset()),
                        entry.qos(),
                        entry.retain(),
                        entry.subscriptionIds(),
                        null,
                        entry.released()))
                .toList();
        long savedAt =
                state.disconnectedAt() == null ? 0 : state.disconnectedAt().toEpochMilli();
        // A stored will is the router's to publish; a continuing session takes its new connection's will.
        return new SessionSnapshot(
                clientId,
                state.expiryIntervalSeconds(),
                subscriptions,
                next,
                inFlight,
                Set.copyOf(state.inboundQos2()),
                savedAt,
                null);
    }
}
