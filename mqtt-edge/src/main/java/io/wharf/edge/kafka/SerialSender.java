package io.wharf.edge.kafka;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Hands records to a producer from a thread of its own, in the order they were given. {@code
 * KafkaProducer.send} may block its caller (for metadata, which the client forgets while Kafka is
 * away, or for room in its buffer); callers on Netty event loops must not wait for that, and the
 * records of one key must still reach Kafka in the order they were written, so one thread does
 * every send. The queue is bounded: a record that finds it full fails at once.
 */
public final class SerialSender implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final ThreadPoolExecutor thread;

    public SerialSender(Producer<byte[], byte[]> producer, String threadName, int capacity) {
        this.producer = producer;
        this.thread =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), task -> {
                    Thread sender = new Thread(task, threadName);
                    sender.setDaemon(true);
                    return sender;
                });
    }

    /** Completes with the record's metadata once Kafka has it, or fails as the producer or a full queue says. */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
        try {
            thread.execute(() -> sendNow(record, written));
        } catch (RejectedExecutionException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private void sendNow(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> written) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
    }

    /** Hands over what is queued (waiting at most {@code wait}), then takes no more. */
    public void close(Duration wait) {
        thread.shutdown();
        try {
            thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
