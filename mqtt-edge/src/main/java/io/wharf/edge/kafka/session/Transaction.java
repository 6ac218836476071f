package io.wharf.edge.kafka.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/** One Kafka transaction of the {@link TransactionalWriter}: its groups and the sends made for them. */
final class Transaction {

    final List<TransactionalWriter.Group> groups;
    /** Per group, in order, the futures of its records' sends; shorter than groups if sending stopped. */
    final List<List<Future<RecordMetadata>>> sent = new ArrayList<>();

    Transaction(List<TransactionalWriter.Group> groups) {
        this.groups = groups;
    }

    /** A send failed: the producer never asks to commit such a transaction. */
    boolean anySendFailed() {
        return sent.stream().flatMap(List::stream).anyMatch(future -> future.isDone() && failure(future) != null);
    }

    /** Every record was appended: only then may the transaction have committed. */
    boolean allSent() {
        return sent.size() == groups.size()
                && sent.stream().flatMap(List::stream).allMatch(future -> future.isDone() && failure(future) == null);
    }

    boolean allExpired(long now) {
        return groups.stream().allMatch(group -> now - group.deadlineNanos() >= 0);
    }

    /** Where one record of an {@link #allSent()} transaction went: all of them share its fate. */
    RecordMetadata firstRecord() {
        try {
            return sent.get(0).get(0).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("only a transaction whose every send succeeded is in doubt", e);
        }
    }

    /** The error for which Kafka will never take one of these records, or null. */
    static Throwable permanentFailure(List<Future<RecordMetadata>> futures) {
        for (Future<RecordMetadata> future : futures) {
            Throwable error = future.isDone() ? failure(future) : null;
            if (error instanceof RecordTooLargeException
                    || error instanceof RecordBatchTooLargeException
                    || error instanceof InvalidTopicException
                    || error instanceof TopicAuthorizationException) {
                return error;
            }
        }
        return null;
    }

    private static Throwable failure(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (RuntimeException e) {
            return e; // cancelled
        }
    }
}
