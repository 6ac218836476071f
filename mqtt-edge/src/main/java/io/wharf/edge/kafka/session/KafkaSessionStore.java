package io.wharf.edge.kafka.session;

import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.SerialSender;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionExpiry;
import io.wharf.edge.session.SessionSnapshot;
import io.wharf.edge.session.SessionStore;
import io.wharf.edge.session.SessionTakenOverException;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.schemas.session.SessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in the compacted {@code mqtt.sessions} topic, shared by every edge. Taking a session
 * over appends a claim, waits until this edge has read up to it (so it knows every earlier record),
 * and, if the previous owner still had the client connected and is alive, waits (bounded) for that
 * owner to hand over the final state. Every later write carries the claim's epoch.
 */
public final class KafkaSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaSessionStore.class);
    /** How long a claim may wait for Kafka to store and return it: well within the connect timeout (default 10 s). */
    private static final Duration CLAIM_KAFKA_WAIT = Duration.ofSeconds(5);
    /** How long a release waits for its connection's transactions: longer than one can stay open. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(60);
    /**
     * Claims one edge keeps in Kafka at once: enough for the producer to batch them, few enough that
     * they come back well within their wait when the cluster is slower than a connection storm.
     */
    private static final int MAX_CLAIMS_IN_FLIGHT = 64;

    private final SerialSender sends;
    private final TransactionalWriter transactions;
    private final KafkaMessageLog messageLog;
    private final WharfTopic<String, SessionRecord> topic;
    private final SessionDirectory directory;
    private final EdgeLiveness liveness;
    private final String nodeId;
    private final Instant incarnation;
    private final Clock clock;
    private final Duration handOverWait;
    /** Per connection (claim): the transactional writes its release waits for. */
    private final Map<Connection, CompletableFuture<Set<Integer>>> releaseAfter = new ConcurrentHashMap<>();
    /** A claim waits for its place at most half its time, leaving the other half to Kafka. */
    private final ClaimAdmission admission =
            new ClaimAdmission(MAX_CLAIMS_IN_FLIGHT, CLAIM_KAFKA_WAIT.dividedBy(2), System::nanoTime);

    /**
     * @param sends the session producer's sends, made off the event loops in the order written
     * @param incarnation when this edge process started, written on every record so that a later
     *     process of the same node id is told apart from this one
     * @param clock the time records are stamped with and stored sessions expire by
     * @param handOverWait how long a claim waits for a live previous owner to hand over
     */
    public KafkaSessionStore(
            SerialSender sends,
            TransactionalWriter transactions,
            KafkaMessageLog messageLog,
            WharfTopic<String, SessionRecord> topic,
            SessionDirectory directory,
            EdgeLiveness liveness,
            String nodeId,
            Instant incarnation,
            Clock clock,
            Duration handOverWait) {
        this.sends = sends;
        this.transactions = transactions;
        this.messageLog = messageLog;
        this.topic = topic;
        this.directory = directory;
        this.liveness = liveness;
        this.nodeId = nodeId;
        this.incarnation = incarnation;
        this.clock = clock;
        this.handOverWait = handOverWait;
    }

    /**
     * The settings of the store's producer over the user's client settings: the topic's metadata is
     * kept however long it goes unused, so that a write after a quiet spell need not wait for it.
     */
    public static Map<String, Object> producerSettings(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(1).toMillis());
        return config;
    }

    @Override
    public CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart) {
        SessionEntry known = directory.entry(clientId);
        SessionState base = cleanStart || known == null ? null : known.state();
        CompletableFuture<Long> stored =
                admission.admit(() -> write(clientId, SessionRecord.claim(nodeId, base, cleanStart, clock.instant()))
                        .thenCompose(written -> directory
                                .awaitRead(written.partition(), written.offset())
                                .thenApply(read -> written.offset())));
        CompletableFuture<SessionClaim> claimed = stored.thenCompose(epoch -> handedOver(clientId, epoch))
                .thenApply(epoch -> claimed(clientId, epoch, cleanStart));
        // A client is answered within its connect timeout even when Kafka hangs; a claim that lands
        // after the client was refused is released at once, leaving the session as it was.
        CompletableFuture<Long> inTime = stored.copy().orTimeout(CLAIM_KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        inTime.whenComplete((epoch, error) -> {
            if (error != null && !admission.withdraw(stored)) {
                claimed.thenAccept(late -> release(late, late.previous().orElse(null)));
            }
        });
        return inTime.thenCompose(epoch -> claimed);
    }

    /** Waits for the previous owner's final state, if it is due from a live edge. */
    private CompletableFuture<Long> handedOver(String clientId, long epoch) {
        SessionEntry entry = directory.entry(clientId);
        if (entry == null || entry.claimEpoch() != epoch || !entry.previousPending()) {
            return CompletableFuture.completedFuture(epoch);
        }
        String previous = entry.previousOwner();
        Instant previousIncarnation = entry.previousIncarnation();
        if (previous == null || !liveness.isAlive(previous, previousIncarnation)) {
            log.info(
                    "Taking over the session of {} from {}, which is gone: continuing from its last stored state",
                    clientId,
                    previous);
            return CompletableFuture.completedFuture(epoch);
        }
        long started = System.nanoTime();
        // The wait ends with the hand-over, when the previous owner turns out dead, or at the limit.
        return directory
                .awaitHandedOverOr(clientId, epoch, () -> !liveness.isAlive(previous, previousIncarnation))
                .completeOnTimeout(null, handOverWait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(done -> {
                    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    SessionEntry after = directory.entry(clientId);
                    if (after != null && after.claimEpoch() == epoch && after.previousPending()) {
                        log.warn(
                                "Took over the session of {} from {} without its hand-over after {} ms: continuing from its last stored state",
                                clientId,
                                previous,
                                waited);
                    } else {
                        log.debug("{} handed the session of {} over in {} ms", previous, clientId, waited);
                    }
                    return epoch;
                });
    }

    private SessionClaim claimed(String clientId, long epoch, boolean cleanStart) {
        SessionEntry entry = directory.entry(clientId);
        if (entry != null && entry.claimEpoch() > epoch) {
            // Lost the race: hand the session, unchanged, to the later claim so that it need not wait.
            write(
                    clientId,
                    SessionRecord.release(
                            nodeId, epoch, entry.claimEpoch(), entry.owner(), entry.state(), clock.instant()));
            throw new SessionTakenOverException(clientId);
        }
        if (cleanStart || entry == null || entry.state() == null) {
            return new SessionClaim(clientId, epoch, Optional.empty());
        }
        SessionSnapshot snapshot = SessionStates.toSnapshot(clientId, entry.state());
        if (SessionExpiry.hasExpired(snapshot, clock.millis())) {
            return new SessionClaim(clientId, epoch, Optional.empty());
        }
        return new SessionClaim(clientId, epoch, Optional.of(snapshot));
    }

    @Override
    public CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
        return write(
                        claim.clientId(),
                        SessionRecord.state(
                                nodeId, claim.epoch(), true, SessionStates.toState(snapshot), clock.instant()))
                .thenApply(written -> null);
    }

    @Override
    public CompletableFuture<Void> checkpointWithMessage(
            SessionClaim claim, SessionSnapshot snapshot, ApplicationMessage message) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(messageLog.records(message));
        records.add(record(
                claim.clientId(),
                SessionRecord.state(nodeId, claim.epoch(), true, SessionStates.toState(snapshot), clock.instant())));
        return transactions.write(records).thenAccept(written -> {
            if (message.retain()) {
                RecordMetadata retained = written.get(1);
                messageLog.retainedStored(
                        message, new LogPosition(retained.topic(), retained.partition(), retained.offset()));
            }
        });
    }

    @Override
    public void releaseAfter(SessionClaim claim, CompletableFuture<Set<Integer>> recordedIds) {
        releaseAfter.put(new Connection(claim.clientId(), claim.epoch()), recordedIds);
    }

    @Override
    public CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot) {
        directory.unwatch(claim.clientId(), claim.epoch());
        CompletableFuture<Set<Integer>> recorded = releaseAfter.remove(new Connection(claim.clientId(), claim.epoch()));
        if (recorded == null) {
            return writeRelease(claim, snapshot);
        }
        // Written only after the connection's last transactions, so that it is the newest state in the
        // log, and with every id they recorded: a client re-sending such a message is then recognised.
        // A transaction that never ends must not keep the client id from connecting again: past the
        // wait, its ids are left out (a re-send may then be stored twice, but none is lost).
        return recorded.completeOnTimeout(null, RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ids -> {
                    if (ids == null) {
                        log.warn(
                                "Storing the session of {} without waiting longer for its QoS 2 transactions ({} s)",
                                claim.clientId(),
                                RELEASE_WAIT.toSeconds());
                    }
                    return writeRelease(
                            claim, snapshot == null || ids == null ? snapshot : snapshot.withInboundQos2(ids));
                });
    }

    private CompletableFuture<Void> writeRelease(SessionClaim claim, SessionSnapshot snapshot) {
        SessionState state = SessionStates.toState(snapshot);
        SessionEntry entry = directory.entry(claim.clientId());
        SessionRecord record = entry != null && entry.claimEpoch() > claim.epoch()
                ? SessionRecord.release(
                        nodeId, claim.epoch(), entry.claimEpoch(), entry.owner(), state, clock.instant())
                : SessionRecord.state(nodeId, claim.epoch(), false, state, clock.instant());
        return write(claim.clientId(), record).thenApply(written -> null);
    }

    @Override
    public void watch(SessionClaim claim, Runnable onTakenOver) {
        directory.watch(claim.clientId(), claim.epoch(), onTakenOver);
    }

    private ProducerRecord<byte[], byte[]> record(String clientId, SessionRecord record) {
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), clientId);
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), record.withIncarnation(incarnation));
        return new ProducerRecord<>(topic.name(), key, value);
    }

    private CompletableFuture<RecordMetadata> write(String clientId, SessionRecord record) {
        return sends.send(record(clientId, record));
    }

    private record Connection(String clientId, long epoch) {}
}
