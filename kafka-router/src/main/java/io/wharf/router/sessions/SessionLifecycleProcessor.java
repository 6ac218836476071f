package io.wharf.router.sessions;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.cluster.EdgeLivenessRules;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.schemas.session.SessionRules;
import io.wharf.schemas.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every session by the same rules as the edges, and acts when time or a failure says so:
 *
 * <ul>
 *   <li>a session disconnected longer than its expiry interval is removed (tombstone);
 *   <li>a will left in a disconnected session is published when its delay (or the session) ends;
 *   <li>a session still connected to an edge that stopped sending heartbeats, or whose node id
 *       restarted (a later process sends them), counts as disconnected when that edge was last
 *       heard of;
 *   <li>a connection replaced by a newer claim whose edge died before handing over has its will
 *       (without delay) published; with a delay, or when the edge handed over, nothing is due.
 * </ul>
 *
 * A will goes to the Kafka topic, under the key, that the topic mapping gives its topic, as an
 * edge's PUBLISH would. Publishing a will and recording that it is published go out in one Streams
 * transaction (exactly-once processing), so each will is published once.
 */
final class SessionLifecycleProcessor implements Processor<String, SessionRecord, byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SessionLifecycleProcessor.class);
    private static final String ROUTER = "router";
    private static final Duration ORPHAN_PATIENCE = Duration.ofMinutes(1);

    private final WharfTopic<String, SessionRecord> sessions;
    private final String retainedTopic;
    private final TopicMapping mapping;
    private final Duration silenceAllowed;
    private final Duration checkInterval;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, RouterSession> store;
    private KeyValueStore<String, EdgeHeartbeat> heartbeats;
    private final SessionAgenda agenda = new SessionAgenda(ORPHAN_PATIENCE);

    SessionLifecycleProcessor(
            WharfTopics topics, TopicMapping mapping, Duration silenceAllowed, Duration checkInterval) {
        this.sessions = topics.sessions();
        this.retainedTopic = topics.retained().name();
        this.mapping = mapping;
        this.silenceAllowed = silenceAllowed;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(SessionLifecycleTopology.SESSIONS_STORE);
        this.heartbeats = context.getStateStore(SessionLifecycleTopology.LIVENESS_STORE);
        // The store is restored by now; the agenda is what it implies, read once.
        try (KeyValueIterator<String, RouterSession> iterator = store.all()) {
            iterator.forEachRemaining(session -> agenda.track(session.key, session.value));
        }
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, now -> check(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, SessionRecord> record) {
        String clientId = record.key();
        if (clientId == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(clientId);
            agenda.forget(clientId);
            return;
        }
        RouterSession current = store.get(clientId);
        SessionEntry before = current == null ? null : current.entry();
        SessionEntry after = SessionRules.apply(
                before,
                record.value(),
                context.recordMetadata().map(m -> m.offset()).orElse(-1L));
        if (after == null) {
            return;
        }
        RouterSession next = current == null ? RouterSession.of(after) : current.withEntry(after);
        if (record.value().kind() == SessionRecord.Kind.CLAIM) {
            next = claimed(
                    clientId, before, next, record.value().isCleanStart(), Instant.ofEpochMilli(record.timestamp()));
        } else if (current != null
                && current.orphanedWill() != null
                && before.previousPending()
                && !after.previousPending()
                && isPreviousOwnersLastWord(record.value(), after)) {
            next = next.withoutOrphanedWill(); // the previous edge handed over: it dealt with its connection's will
        }
        keep(clientId, next);
    }

    /** A new connection claimed the session: decide the fate of the will it leaves behind. */
    private RouterSession claimed(
            String clientId, SessionEntry before, RouterSession next, boolean cleanStart, Instant now) {
        SessionState state = next.entry().state();
        SessionState.Will will = state == null ? null : state.will();
        if (will == null) {
            return next;
        }
        // The new connection brings its own will; the old one is settled here.
        RouterSession withoutWill = next.withEntry(
                next.entry().withState(withoutWill(state), next.entry().ownerDisconnected()));
        if (before != null && before.ownerDisconnected()) {
            if (cleanStart) {
                publish(clientId, will, now); // the new connection ends the old session, which makes its will due
            }
            return withoutWill; // otherwise the client is back before the delay ended: no will
        }
        if (will.delaySeconds() > 0) {
            return withoutWill;
        }
        return before == null
                ? new RouterSession(withoutWill.entry(), will, null, now, null)
                : new RouterSession(withoutWill.entry(), will, before.owner(), now, before.ownerIncarnation());
    }

    /**
     * Whether the record that ended the wait for a hand-over came from the previous owner. The new
     * owner also ends it, by writing under its own claim, when it stops waiting (the previous edge
     * process is gone, or too slow): that says nothing of the replaced connection's will.
     */
    private static boolean isPreviousOwnersLastWord(SessionRecord record, SessionEntry after) {
        return record.kind() == SessionRecord.Kind.RELEASE
                || (record.epoch() != null && record.epoch() == after.previousEpoch());
    }

    /** Looks at the sessions the agenda says are due: by time, or because an edge process they depend on died. */
    private void check(Instant now) {
        Set<String> due = agenda.due(now, edge -> !isAlive(edge.edgeId(), edge.incarnation(), now));
        for (String clientId : due) {
            RouterSession session = store.get(clientId);
            if (session == null) {
                agenda.forget(clientId);
            } else {
                check(clientId, session, now);
            }
        }
    }

    private void check(String clientId, RouterSession session, Instant now) {
        if (session.orphanedWill() != null) {
            if (!isAlive(session.orphanedBy(), session.orphanedByIncarnation(), now)) {
                publish(clientId, session.orphanedWill(), now);
                session = session.withoutOrphanedWill();
                keep(clientId, session);
            } else if (session.orphanedAt().plus(ORPHAN_PATIENCE).isBefore(now)) {
                session = session.withoutOrphanedWill();
                keep(clientId, session);
            }
        }
        SessionEntry entry = session.entry();
        SessionState state = entry.state();
        boolean changed = false;
        if (!entry.ownerDisconnected()) {
            if (entry.owner() == null || isAlive(entry.owner(), entry.ownerIncarnation(), now)) {
                return;
            }
            if (state == null) {
                // A session that ends with its connection stores only its claim: with its edge gone, it ended.
                log.info(
                        "Edge {} is gone: the session of {}, which kept no state, ended with it",
                        entry.owner(),
                        clientId);
                tombstone(clientId);
                return;
            }
            Instant lastHeard =
                    EdgeLivenessRules.lastHeard(heartbeats.get(entry.owner()), entry.ownerIncarnation(), now);
            log.info(
                    "Edge {} (process started {}) is gone, last heard of at {}: the session of {} counts as disconnected",
                    entry.owner(),
                    entry.ownerIncarnation(),
                    lastHeard,
                    clientId);
            state = state.disconnectedAt(lastHeard);
            changed = true;
        } else if (state == null) {
            tombstone(clientId); // ended: let compaction forget it
            return;
        }
        Instant disconnectedAt = state.disconnectedAt() == null ? now : state.disconnectedAt();
        if (state.will() != null
                && !state.will()
                        .dueAt(disconnectedAt, state.expiryIntervalSeconds())
                        .isAfter(now)) {
            publish(clientId, state.will(), now);
            state = state.endedAt(disconnectedAt);
            changed = true;
        }
        if (changed) {
            write(clientId, session, entry.claimEpoch(), state);
        }
        if (!disconnectedAt
                .plusSeconds(Math.min(
                        state.expiryIntervalSeconds(),
                        Duration.ofDays(365 * 100).toSeconds()))
                .isAfter(now)) {
            log.info("Session of {} expired", clientId);
            tombstone(clientId);
        }
    }

    private void write(String clientId, RouterSession session, long epoch, SessionState state) {
        SessionRecord record =
                SessionRecord.state(ROUTER, epoch, false, state, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        keep(clientId, session.withEntry(session.entry().withState(state, true)));
        forward(
                SessionLifecycleTopology.SESSIONS_SINK,
                key(clientId),
                sessions.valueSerde().serializer().serialize(sessions.name(), record),
                new RecordHeaders());
    }

    private void keep(String clientId, RouterSession session) {
        store.put(clientId, session);
        agenda.track(clientId, session);
    }

    private void tombstone(String clientId) {
        store.delete(clientId);
        agenda.forget(clientId);
        forward(SessionLifecycleTopology.SESSIONS_SINK, key(clientId), null, new RecordHeaders());
    }

    private void publish(String clientId, SessionState.Will will, Instant now) {
        List<ProducerRecord<byte[], byte[]>> records = WillRecords.of(will, mapping, retainedTopic, now.toEpochMilli());
        ProducerRecord<byte[], byte[]> message = records.get(0);
        log.info("Publishing the will of {} to {} (Kafka topic {})", clientId, will.topic(), message.topic());
        forward(
                SessionLifecycleTopology.messagesSink(message.topic()),
                message.key(),
                message.value(),
                message.headers());
        if (records.size() > 1) {
            ProducerRecord<byte[], byte[]> retained = records.get(1);
            forward(SessionLifecycleTopology.RETAINED_SINK, retained.key(), retained.value(), retained.headers());
        }
    }

    private void forward(String sink, byte[] key, byte[] value, Headers headers) {
        context.forward(new Record<>(key, value, context.currentSystemTimeMs(), headers), sink);
    }

    private byte[] key(String clientId) {
        return sessions.keySerde().serializer().serialize(sessions.name(), clientId);
    }

    /** Whether the edge process of that node id and incarnation (null: not known) is alive. */
    private boolean isAlive(String edgeId, Instant incarnation, Instant now) {
        return edgeId != null && EdgeLivenessRules.isAlive(heartbeats.get(edgeId), incarnation, silenceAllowed, now);
    }

    private static SessionState withoutWill(SessionState state) {
        return new SessionState(
                state.expiryIntervalSeconds(),
                state.subscriptions(),
                state.next(),
                state.inFlight(),
                state.inboundQos2(),
                state.disconnectedAt(),
                null);
    }
}
