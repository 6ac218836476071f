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
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Duration outageLimit;
    private final BlockingQueue<Group> queue = new ArrayBlockingQueue<>(MAX_WAITING_GROUPS);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandoned;
    // The writer thread's own:
    private final Deque<Group> retries = new ArrayDeque<>();
    private final WriterTrouble trouble;
    private final TransactionCommitter committer;

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
        this.outageLimit = outageLimit;
        this.trouble = new WriterTrouble(health, maxBackoff.toMillis());
        this.committer =
                new TransactionCommitter(producers, commits, outageLimit, trouble, () -> abandoned, queue, retries);
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
            while (!abandoned && (running || !queue.isEmpty() || !retries.isEmpty() || committer.hasUncertain())) {
                try {
                    step();
                } catch (InterruptedException e) {
                    // close() gave up waiting; the loop condition ends it
                } catch (RuntimeException | Error e) {
                    if (!abandoned) {
                        log.error("The QoS 2 writer hit an unexpected error; going on", e);
                        trouble.pause();
                    }
                }
            }
        } finally {
            committer.closeProducer();
            IllegalStateException stopping = new IllegalStateException("the edge is stopping");
            committer.failUncertain(stopping);
            retries.forEach(group -> group.written.completeExceptionally(stopping));
            queue.forEach(group -> group.written.completeExceptionally(stopping));
        }
    }

    private void step() throws InterruptedException {
        committer.failExpired();
        if (!committer.hasProducer() && !committer.open()) {
            committer.failExpiredUncertain();
            trouble.pause();
            return;
        }
        if (committer.hasUncertain()) {
            committer.settleUncertain();
            return;
        }
        List<Group> batch = nextBatch();
        if (batch.isEmpty()) {
            if (trouble.failing()) {
                committer.closeProducer(); // nothing to write: a new producer shows whether Kafka is back
            }
            return;
        }
        committer.transact(batch);
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
