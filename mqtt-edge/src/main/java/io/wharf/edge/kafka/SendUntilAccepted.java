package io.wharf.edge.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends a record through a producer that never blocks its caller ({@code max.block.ms=0}), as the
 * edge's producers must when event loops call them. Such a producer refuses a record at once when
 * its buffer is full or it has no metadata for the topic yet (after Kafka was away, the client
 * forgets it); the send is then tried again a little later, off the caller's thread, until the
 * producer takes it or the patience runs out. Once taken, the producer's own retries (within its
 * delivery timeout) write it.
 */
public final class SendUntilAccepted {

    private static final long FIRST_RETRY_MS = 10;
    private static final long LAST_RETRY_MS = 500;

    private SendUntilAccepted() {}

    /** Completes with the record's metadata once written, or fails when refused past {@code patience} or rejected by Kafka. */
    public static CompletableFuture<RecordMetadata> send(
            Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, Duration patience) {
        CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
        attempt(producer, record, written, System.nanoTime() + patience.toNanos(), FIRST_RETRY_MS);
        return written;
    }

    private static void attempt(
            Producer<byte[], byte[]> producer,
            ProducerRecord<byte[], byte[]> record,
            CompletableFuture<RecordMetadata> written,
            long deadline,
            long retryMs) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(metadata);
                }
            });
        } catch (TimeoutException refused) {
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMs) - deadline > 0) {
                written.completeExceptionally(refused);
                return;
            }
            Executor later = CompletableFuture.delayedExecutor(retryMs, TimeUnit.MILLISECONDS);
            later.execute(() -> attempt(producer, record, written, deadline, Math.min(retryMs * 2, LAST_RETRY_MS)));
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
    }
}
