package io.wharf.edge.kafka.session;

import io.wharf.edge.kafka.KafkaWriteHealth;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes groups of records that must become visible together or not at all (a QoS 2 message and the
 * session state that records its packet id), in Kafka transactions. Many groups share one
 * transaction: a commit costs about the same for one record or a hundred, so waiting groups are
 * committed together.
 *
 * <p>It rides out Kafka being away. A group waits (the queue is bounded) and is tried again, with a
 * new producer when the old one cannot go on, until it is written or {@code outageLimit} after it
 * was handed in; then it fails back to its caller. Every group's future completes, one way or the
 * other: callers hold their session's checkpoints until it does.
 *
 * <p>A group is never written twice. What this rests on, from Kafka's transaction protocol:
 *
 * <ul>
 *   <li>A transaction commits only if every send in it succeeded: the producer sends the commit
 *       request only after all its batches are acknowledged, and fails the commit otherwise. So a
 *       transaction with a failed send is certainly not committed, and its groups are sent again.
 *   <li>After {@code commitTransaction} times out, the only call allowed is {@code commitTransaction}
 *       again, which waits for the same commit; the writer retries it rather than aborting.
 *   <li>When the commit failed otherwise (fenced, epoch bumped by a coordinator that timed the
 *       transaction out), or the writer gave up retrying it, the outcome is unknown. The writer
 *       closes the producer and initialises a new one with the same {@code transactional.id}:
 *       {@code initTransactions} returns only once the coordinator has finished the old
 *       transaction — a prepared commit rolls forward, an open transaction is aborted — and its
 *       markers are written. Only then it reads one record of the old transaction back with a
 *       {@code read_committed} {@link CommitCheck}: if it is there, the whole transaction
 *       committed and its groups are done; if it was skipped, the transaction aborted and the groups
 *       are sent again. Nothing is sent in between, so no retry can meet a commit still under way.
 * </ul>
 *
 * <p>The one case that loses this certainty: a group whose outcome is still unknown when its
 * outage limit passes, or when the edge stops, fails back to its caller although Kafka may yet
 * show it committed. The caller then tells the client the message was not stored; it is in Kafka
 * at most once.
 */
public final class TransactionalWriter implements AutoCloseable {

    /** Tells, once a transaction is finished, whether it committed. */
    @FunctionalInterface
    public interface CommitCheck {
        /**
         * @param record where Kafka appended one record of the transaction
         * @return true if the transaction committed, false if it was aborted
         * @throws RuntimeException if Kafka cannot tell now
         */
        boolean committed(RecordMetadata record);
    }

    /** The name under which the writer reports to {@link KafkaWriteHealth}. */
    public static final String HEALTH_PATH = "qos2-transactions";

    static final int MAX_WAITING_GROUPS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);
    private static final int MAX_GROUPS_PER_TRANSACTION = 500;
    private static final long POLL_MS = 200;
    private static final long FIRST_BACKOFF_MS = 50;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final CommitCheck commits;
    private final Duration outageLimit;
    private final KafkaWriteHealth health;
    private final long maxBackoffMs;
    private final BlockingQueue<Group> queue = new ArrayBlockingQueue<>(MAX_WAITING_GROUPS);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandoned;
    // The writer thread's own:
    private final Deque<Group> retries = new ArrayDeque<>();
    private Transaction uncertain;
    private Producer<byte[], byte[]> producer;
    private long backoffMs;
    private boolean failing;

    /**
     * @param producers makes a transactional producer (with {@code transactional.id} set), each time
     *     with the same {@code transactional.id}
     * @param commits reads back whether a transaction of that id committed
     * @param outageLimit how long a group may wait for Kafka before it fails back to its caller
     */
    public TransactionalWriter(
            Supplier<Producer<byte[], byte[]>> producers,
            CommitCheck commits,
            Duration outageLimit,
            KafkaWriteHealth health) {
        this(producers, commits, outageLimit, health, MAX_BACKOFF);
    }

    TransactionalWriter(
            Supplier<Producer<byte[], byte[]>> producers,
            CommitCheck commits,
            Duration outageLimit,
            KafkaWriteHealth health,
            Duration maxBackoff) {
        this.producers = producers;
        this.commits = commits;
        this.outageLimit = outageLimit;
        this.health = health;
        this.maxBackoffMs = maxBackoff.toMillis();
        this.thread = new Thread(this::run, "wharf-transactional-writer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Writes the records all together; completes with their metadata once committed, or exceptionally
     * if they cannot be written (then none of them is visible to {@code read_committed} readers).
     */
    public CompletableFuture<List<RecordMetadata>> write(List<ProducerRecord<byte[], byte[]>> records) {
        Group group =
                new Group(List.copyOf(records), new CompletableFuture<>(), System.nanoTime() + outageLimit.toNanos());
        if (!running) {
            group.written.completeExceptionally(new IllegalStateException("the edge is stopping"));
        } else if (!queue.offer(group)) {
            group.written.completeExceptionally(
                    new IllegalStateException("more than " + MAX_WAITING_GROUPS + " QoS 2 messages wait for Kafka"));
        }
        return group.written;
    }

    /** Whether the writer's thread runs, for tests and operators. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (!abandoned && (running || !queue.isEmpty() || !retries.isEmpty() || uncertain != null)) {
                try {
                    step();
                } catch (InterruptedException e) {
                    // close() gave up waiting; the loop condition ends it
                } catch (RuntimeException | Error e) {
                    if (!abandoned) {
                        log.error("The QoS 2 writer hit an unexpected error; going on", e);
                        pause();
                    }
                }
            }
        } finally {
            closeProducer();
            IllegalStateException stopping = new IllegalStateException("the edge is stopping");
            if (uncertain != null) {
                uncertain.groups.forEach(group -> group.written.completeExceptionally(stopping));
            }
            retries.forEach(group -> group.written.completeExceptionally(stopping));
            queue.forEach(group -> group.written.completeExceptionally(stopping));
        }
    }

    private void step() throws InterruptedException {
        failExpired();
        if (producer == null && !open()) {
            failExpiredUncertain();
            pause();
            return;
        }
        if (uncertain != null) {
            settleUncertain();
            return;
        }
        List<Group> batch = nextBatch();
        if (batch.isEmpty()) {
            if (failing) {
                closeProducer(); // nothing to write: a new producer shows whether Kafka is back
            }
            return;
        }
        transact(batch);
    }

    private List<Group> nextBatch() throws InterruptedException {
        List<Group> batch = new ArrayList<>();
        while (!retries.isEmpty() && batch.size() < MAX_GROUPS_PER_TRANSACTION) {
            batch.add(retries.poll());
        }
        if (batch.isEmpty()) {
            Group first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
        }
        queue.drainTo(batch, MAX_GROUPS_PER_TRANSACTION - batch.size());
        return batch;
    }

    private boolean open() {
        Producer<byte[], byte[]> fresh = null;
        try {
            fresh = producers.get();
            fresh.initTransactions(); // finishes whatever an earlier producer of this id left
            producer = fresh;
            recovered();
            return true;
        } catch (RuntimeException e) {
            closeQuietly(fresh);
            trouble("Cannot start a transactional producer", e);
            return false;
        }
    }

    private void transact(List<Group> batch) {
        Transaction transaction = new Transaction(batch);
        try {
            producer.beginTransaction();
            batch.forEach(group -> transaction.sent.add(
                    group.records.stream().map(producer::send).toList()));
        } catch (RuntimeException e) {
            // No commit was asked for: the transaction cannot have committed.
            trouble("Sending a transaction failed", e);
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
                recovered();
                return;
            } catch (TimeoutException e) {
                if (transaction.anySendFailed()) {
                    trouble("A transaction with a failed send timed out", e);
                    closeProducer(); // the commit was never sent; after a timeout only closing ends it
                    sendAgainOrFail(transaction);
                    return;
                }
                trouble("Committing a transaction timed out; retrying the commit", e);
                if (abandoned || transaction.allExpired(System.nanoTime())) {
                    closeProducer();
                    inDoubtOrSendAgain(transaction);
                    return;
                }
                failExpired();
                pause();
            } catch (RuntimeException e) {
                trouble("Committing a transaction failed", e);
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
    private void settleUncertain() {
        Transaction transaction = uncertain;
        boolean committed;
        try {
            committed = commits.committed(transaction.firstRecord());
        } catch (RuntimeException e) {
            trouble("Cannot yet tell whether a transaction committed", e);
            failExpiredUncertain();
            pause();
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
                group.written.complete(metadata);
            } catch (Exception e) {
                group.written.completeExceptionally(e); // not after a real commit: Kafka commits only what was sent
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
                group.written.completeExceptionally(permanent);
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

    private void failExpired() {
        long now = System.nanoTime();
        retries.removeIf(group -> group.failIfExpired(now, outageLimit));
        queue.removeIf(group -> group.failIfExpired(now, outageLimit));
    }

    /** Only while Kafka cannot say how the transaction ended. */
    private void failExpiredUncertain() {
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
        if (uncertain.groups.stream().allMatch(group -> group.written.isDone())) {
            uncertain = null;
        }
    }

    private void trouble(String what, RuntimeException error) {
        health.failed(HEALTH_PATH, error);
        if (!failing) {
            log.warn("{}: {}; retrying until Kafka takes it", what, error.toString());
        } else {
            log.debug("{}: {}", what, error.toString());
        }
        failing = true;
    }

    private void recovered() {
        backoffMs = 0;
        health.written(HEALTH_PATH);
        if (failing) {
            log.info("The QoS 2 writer reaches Kafka again");
        }
        failing = false;
    }

    private void pause() {
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(maxBackoffMs, backoffMs * 2);
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            // close() gave up waiting: the loop sees it
        }
    }

    private void closeProducer() {
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

    /** Commits what is waiting, then stops; gives up on Kafka only after a while. */
    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            queue.forEach(
                    group -> group.written.completeExceptionally(new IllegalStateException("the edge is stopping")));
            return;
        }
        try {
            thread.join(5000);
            if (thread.isAlive()) {
                abandoned = true;
                thread.interrupt();
                thread.join(3000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Group(
            List<ProducerRecord<byte[], byte[]>> records,
            CompletableFuture<List<RecordMetadata>> written,
            long deadlineNanos) {

        boolean failIfExpired(long now, Duration limit) {
            if (now - deadlineNanos < 0) {
                return false;
            }
            written.completeExceptionally(
                    new TimeoutException("Kafka did not take the message within " + limit.toSeconds() + " s"));
            return true;
        }
    }
}
