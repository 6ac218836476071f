package io.wharf.edge.kafka.session;

import io.wharf.edge.kafka.session.TransactionalWriter.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TransactionalWriter}'s transactions with its producer, as its class comment describes:
 * a batch of groups is sent and committed; a commit that times out is retried on the same producer;
 * a transaction that certainly did not commit has its groups sent again first; one whose outcome is
 * unknown waits, as {@link #hasUncertain()}, for a new producer of the same id and is then read back
 * ({@link #settleUncertain()}). Used on the writer's thread only.
 */
final class TransactionCommitter {

    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final TransactionalWriter.CommitCheck commits;
    private final Duration outageLimit;
    private final WriterTrouble trouble;
    private final BooleanSupplier abandoned;
    /** The writer's waiting groups, failed here too when they wait past their limit during a commit. */
    private final Collection<Group> waiting;
    /** Groups to send again, before any that wait. */
    private final Deque<Group> retries;

    private Transaction uncertain;
    private Producer<byte[], byte[]> producer;

    TransactionCommitter(
            Supplier<Producer<byte[], byte[]>> producers,
            TransactionalWriter.CommitCheck commits,
            Duration outageLimit,
            WriterTrouble trouble,
            BooleanSupplier abandoned,
            Collection<Group> waiting,
            Deque<Group> retries) {
        this.producers = producers;
        this.commits = commits;
        this.outageLimit = outageLimit;
        this.trouble = trouble;
        this.abandoned = abandoned;
        this.waiting = waiting;
        this.retries = retries;
    }

    boolean hasProducer() {
        return producer != null;
    }

    /** A transaction's outcome is unknown: nothing else is sent until {@link #settleUncertain()} tells it. */
    boolean hasUncertain() {
        return uncertain != null;
    }

    /** Starts a new producer; its {@code initTransactions} finishes whatever an earlier one of the id left. */
    boolean open() {
        Producer<byte[], byte[]> fresh = null;
        try {
            fresh = producers.get();
            fresh.initTransactions();
            producer = fresh;
            trouble.recovered();
            return true;
        } catch (RuntimeException e) {
            closeQuietly(fresh);
            trouble.trouble("Cannot start a transactional producer", e);
            return false;
        }
    }

    void transact(List<Group> batch) {
        Transaction transaction = new Transaction(batch);
        try {
            producer.beginTransaction();
            batch.forEach(group -> transaction.sent.add(
                    group.records().stream().map(producer::send).toList()));
        } catch (RuntimeException e) {
            // No commit was asked for: the transaction cannot have committed.
            trouble.trouble("Sending a transaction failed", e);
            abortOrClose();
            sendAgainOrFail(transaction);
            return;
        }
        commit(transaction);
    }

    private void commit(Transaction transaction) {
        while (true) {
            try {
                producer.commitTransaction();
                complete(transaction);
                trouble.recovered();
                return;
            } catch (TimeoutException e) {
                if (transaction.anySendFailed()) {
                    trouble.trouble("A transaction with a failed send timed out", e);
                    closeProducer(); // the commit was never sent; after a timeout only closing ends it
                    sendAgainOrFail(transaction);
                    return;
                }
                trouble.trouble("Committing a transaction timed out; retrying the commit", e);
                if (abandoned.getAsBoolean() || transaction.allExpired(System.nanoTime())) {
                    closeProducer();
                    inDoubtOrSendAgain(transaction);
                    return;
                }
                failExpired();
                trouble.pause();
            } catch (RuntimeException e) {
                trouble.trouble("Committing a transaction failed", e);
                if (transaction.anySendFailed()) {
                    abortOrClose();
                    sendAgainOrFail(transaction);
                    return;
                }
                closeProducer();
                inDoubtOrSendAgain(transaction);
                return;
            }
        }
    }

    /** Once its producer is closed, every send of the transaction is done one way or the other. */
    private void inDoubtOrSendAgain(Transaction transaction) {
        if (transaction.allSent()) {
            uncertain = transaction; // the commit request may have reached the coordinator
        } else {
            sendAgainOrFail(transaction);
        }
    }

    /** After a new producer of the same id is initialised, the old transaction is finished: ask how. */
    void settleUncertain() {
        Transaction transaction = uncertain;
        boolean committed;
        try {
            committed = commits.committed(transaction.firstRecord());
        } catch (RuntimeException e) {
            trouble.trouble("Cannot yet tell whether a transaction committed", e);
            failExpiredUncertain();
            trouble.pause();
            return;
        }
        uncertain = null;
        if (committed) {
            log.info(
                    "A transaction of {} message groups whose commit was in doubt did commit",
                    transaction.groups.size());
            complete(transaction);
        } else {
            log.info(
                    "A transaction of {} message groups whose commit was in doubt was aborted; writing them again",
                    transaction.groups.size());
            retryFirst(transaction.groups);
        }
    }

    private void complete(Transaction transaction) {
        for (int i = 0; i < transaction.groups.size(); i++) {
            Group group = transaction.groups.get(i);
            try {
                List<RecordMetadata> metadata = new ArrayList<>();
                for (var future : transaction.sent.get(i)) {
                    metadata.add(future.get(0, TimeUnit.MILLISECONDS));
                }
                group.written().complete(metadata);
            } catch (Exception e) {
                group.written().completeExceptionally(e); // not after a real commit: Kafka commits only what was sent
            }
        }
    }

    /** The transaction did not commit: its groups go again, except those Kafka will never take. */
    private void sendAgainOrFail(Transaction transaction) {
        List<Group> again = new ArrayList<>();
        for (int i = 0; i < transaction.groups.size(); i++) {
            Group group = transaction.groups.get(i);
            Throwable permanent =
                    i < transaction.sent.size() ? Transaction.permanentFailure(transaction.sent.get(i)) : null;
            if (permanent != null) {
                log.warn("Kafka refuses a message group for good: {}", permanent.toString());
                group.written().completeExceptionally(permanent);
            } else {
                again.add(group);
            }
        }
        retryFirst(again);
    }

    private void retryFirst(List<Group> groups) {
        for (int i = groups.size() - 1; i >= 0; i--) {
            retries.addFirst(groups.get(i));
        }
    }

    private void abortOrClose() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // A new producer of the same id aborts what this one left open.
            log.debug("Aborting failed ({}); starting a new producer", e.toString());
            closeProducer();
        }
    }

    /** Fails back the groups, waiting or to be sent again, whose outage limit has passed. */
    void failExpired() {
        long now = System.nanoTime();
        retries.removeIf(group -> group.failIfExpired(now, outageLimit));
        waiting.removeIf(group -> group.failIfExpired(now, outageLimit));
    }

    /** Only while Kafka cannot say how the transaction ended. */
    void failExpiredUncertain() {
        if (uncertain == null) {
            return;
        }
        long now = System.nanoTime();
        for (Group group : uncertain.groups) {
            if (group.failIfExpired(now, outageLimit)) {
                log.warn(
                        "A QoS 2 message group whose commit is in doubt waited longer than {} s; failing it back",
                        outageLimit.toSeconds());
            }
        }
        if (uncertain.groups.stream().allMatch(group -> group.written().isDone())) {
            uncertain = null;
        }
    }

    /** The writer stops: the transaction in doubt fails back (Kafka may yet show it committed). */
    void failUncertain(Exception stopping) {
        if (uncertain != null) {
            uncertain.groups.forEach(group -> group.written().completeExceptionally(stopping));
        }
    }

    void closeProducer() {
        closeQuietly(producer);
        producer = null;
    }

    private static void closeQuietly(Producer<byte[], byte[]> producer) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(PRODUCER_CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.debug("Closing a transactional producer: {}", e.toString());
        }
    }
}
