package io.wharf.edge.kafka.session;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.EdgeStartException;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.KafkaWriteHealth;
import io.wharf.edge.kafka.SerialSender;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.edge.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * An edge's sessions in Kafka, started in order: the directory of every stored session (loaded
 * before the edge takes clients), the writer of QoS 2 transactions, the ordered writes of session
 * records, and the store built on them. The parts are handed out so that the edge closes each in
 * its place.
 *
 * @param directory every session of the cluster, followed from the sessions topic
 * @param transactions the QoS 2 messages written with their session state
 * @param writes the session records, written in order off the event loops
 * @param store where the edge's connections claim, store and release their sessions
 */
public record KafkaSessions(
        SessionDirectory directory, TransactionalWriter transactions, SerialSender writes, SessionStore store) {

    /** Session records waiting for the session producer; one write per session is the usual most. */
    private static final int MAX_QUEUED_SESSION_WRITES = 100_000;

    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(10);
    private static final Duration COMMIT_CHECK_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param producer the producer of session records (not of messages, which must not queue ahead)
     * @param readFromStart the client settings of readers of whole topics
     * @param clock the time session records are stamped with and stored sessions expire by
     * @param started told of each part as it starts, so that a failed start closes it
     * @throws EdgeStartException when the stored sessions do not load within {@code loadTimeout}
     */
    public static KafkaSessions start(
            EdgeSettings settings,
            Producer<byte[], byte[]> producer,
            Map<String, Object> readFromStart,
            KafkaMessageLog messageLog,
            EdgeLiveness liveness,
            KafkaWriteHealth writeHealth,
            Instant incarnation,
            Clock clock,
            Duration loadTimeout,
            Consumer<AutoCloseable> started)
            throws InterruptedException {
        String bootstrap = settings.kafkaBootstrap();
        Map<String, Object> overrides = settings.kafkaClientOverrides();
        SessionDirectory directory = new SessionDirectory(
                EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-sessions", readFromStart),
                settings.topics().sessions());
        started.accept(directory);
        if (!directory.startAndAwaitLoaded(loadTimeout)) {
            throw new EdgeStartException(
                    "The sessions in " + settings.topics().sessions().name() + " did not load within "
                            + loadTimeout.toSeconds() + " s",
                    null);
        }
        TransactionalWriter transactions = new TransactionalWriter(
                () -> EdgeKafkaClients.transactionalProducer(
                        bootstrap, settings.nodeId() + "-transactions", settings.nodeId() + "-qos2", overrides),
                new CommittedRecordCheck(
                        () -> EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-commit-check", overrides),
                        COMMIT_CHECK_TIMEOUT),
                settings.kafkaOutageLimit(),
                writeHealth);
        started.accept(transactions);
        transactions.start();
        // Session writes start on event loops; a thread of their own waits for Kafka instead.
        SerialSender writes = new SerialSender(producer, "wharf-session-writes", MAX_QUEUED_SESSION_WRITES);
        started.accept(writes);
        SessionStore store = new KafkaSessionStore(
                writes,
                transactions,
                messageLog,
                settings.topics().sessions(),
                directory,
                liveness,
                settings.nodeId(),
                incarnation,
                clock,
                HAND_OVER_WAIT);
        return new KafkaSessions(directory, transactions, writes, store);
    }
}
