package io.wharf.edge.kafka;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.mapping.Route;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Appends messages to the Kafka message topic through an idempotent, acks=all producer of its own.
 * A retained message is also written to the compacted retained topic (an empty one as a tombstone
 * that clears the topic's retained message), and counts as stored only when both writes are.
 *
 * <p>Sends start on event loops, so the producer never blocks ({@code max.block.ms=0}): a record
 * it cannot take at once (its buffer is full, or it has no metadata for the topic because Kafka
 * cannot be reached) is refused on the spot, and the caller keeps it and retries on its own
 * thread. That keeps each connection's messages in order and lets the connection decide what to
 * do meanwhile (hold QoS 1 and 2 messages, drop QoS 0 ones), where a dedicated send thread would
 * add a hop to every message and make every connection wait behind the slowest topic. A record the
 * producer took is retried by the producer itself until the outage limit ({@code
 * delivery.timeout.ms}), within its idempotent sequence, so that Kafka coming back writes it once.
 */
public final class KafkaMessageLog implements MessageLog {

    private static final long FIRST_RETRY_MS = 10;
    private static final long LAST_RETRY_MS = 1000;
    private static final long METADATA_POLL_MS = 50;

    private final Producer<byte[], byte[]> producer;
    private final TopicMapping mapping;
    private final String retainedTopic;
    private final RetainedIndex retainedIndex;
    private final Duration outageLimit;

    /**
     * @param producer made with {@link #producerSettings}
     * @param outageLimit how long a message may wait for Kafka before its append fails
     */
    public KafkaMessageLog(
            Producer<byte[], byte[]> producer,
            TopicMapping mapping,
            String retainedTopic,
            RetainedIndex retainedIndex,
            Duration outageLimit) {
        this.producer = producer;
        this.mapping = mapping;
        this.retainedTopic = retainedTopic;
        this.retainedIndex = retainedIndex;
        this.outageLimit = outageLimit;
    }

    /**
     * The settings of the log's producer over the user's client settings: they win, as the edge's
     * guarantees rest on them. A send never blocks; a record taken is retried for the outage limit;
     * the topics' metadata is kept however long a topic goes unused, so that a send finds it.
     */
    public static Map<String, Object> producerSettings(Duration outageLimit, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(outageLimit.toMillis(), 15_000));
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(1).toMillis());
        return config;
    }

    /**
     * Waits until the producer knows every topic the log writes to, so that the first messages are
     * not refused for want of metadata. For the edge's start, not an event loop.
     *
     * @return false when some topic's metadata did not come within {@code timeout}
     */
    public boolean awaitMetadata(Duration timeout) throws InterruptedException {
        Set<String> topics = new LinkedHashSet<>(mapping.kafkaTopics());
        topics.add(retainedTopic);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : topics) {
            while (true) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (TimeoutException notYet) {
                    if (System.nanoTime() - deadline > 0) {
                        return false;
                    }
                    TimeUnit.MILLISECONDS.sleep(METADATA_POLL_MS);
                }
            }
        }
        return true;
    }

    @Override
    public CompletableFuture<LogPosition> append(Message message) {
        Append append = begin(message);
        if (!append.handOver()) {
            retryLater(append, FIRST_RETRY_MS);
        }
        return append.stored();
    }

    @Override
    public Append begin(Message message) {
        return new KafkaAppend(message);
    }

    /**
     * The records a message becomes: one in the Kafka topic the mapping gives it and, for a retained message, one in
     * the retained topic (a tombstone when the payload is empty, which clears the topic's retained
     * message). For writers that send them themselves, in a transaction.
     */
    public List<ProducerRecord<byte[], byte[]>> records(Message message) {
        Route route = mapping.route(message.topic());
        ApplicationMessage encoded = RecordMapping.toApplicationMessage(message);
        ProducerRecord<byte[], byte[]> record = MessageCodec.toRecord(route.kafkaTopic(), route.key(), encoded);
        if (!message.retain()) {
            return List.of(record);
        }
        return List.of(record, MessageCodec.toRetainedRecord(retainedTopic, encoded));
    }

    /** A retained message is in Kafka: this edge's next SUBSCRIBE sees it at once, not when the reader gets there. */
    public void retainedStored(Message message, LogPosition position) {
        retainedIndex.apply(
                message.topic(),
                message.payload().length == 0 ? null : new LoggedMessage(message, position),
                position.offset());
    }

    /** For appends nobody retries themselves (wills): off the caller's thread, with growing pauses. */
    private static void retryLater(Append append, long delayMs) {
        CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (!append.handOver()) {
                retryLater(append, Math.min(delayMs * 2, LAST_RETRY_MS));
            }
        });
    }

    /** The records of one message and how far the producer has taken them. */
    private final class KafkaAppend implements Append {

        private final List<ProducerRecord<byte[], byte[]>> records;
        private final List<CompletableFuture<LogPosition>> written = new ArrayList<>();
        private final CompletableFuture<LogPosition> stored;
        private final long deadlineNanos = System.nanoTime() + outageLimit.toNanos();
        private int next;

        KafkaAppend(Message message) {
            records = records(message);
            records.forEach(record -> written.add(new CompletableFuture<>()));
            if (records.size() == 1) {
                stored = written.get(0);
            } else {
                CompletableFuture<LogPosition> retained = written.get(1).whenComplete((position, error) -> {
                    if (error == null) {
                        retainedStored(message, position);
                    }
                });
                stored = written.get(0).thenCombine(retained, (messagePosition, retainedPosition) -> messagePosition);
            }
        }

        @Override
        public boolean untouched() {
            return next == 0;
        }

        @Override
        public boolean handOver() {
            if (tryHandOver()) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                java.util.concurrent.TimeoutException gaveUp = new java.util.concurrent.TimeoutException(
                        "Kafka could not take the message within the outage limit of " + outageLimit.toSeconds()
                                + " s");
                for (; next < records.size(); next++) {
                    written.get(next).completeExceptionally(gaveUp);
                }
                return true;
            }
            return false;
        }

        @Override
        public CompletableFuture<LogPosition> stored() {
            return stored;
        }

        private boolean tryHandOver() {
            while (next < records.size()) {
                if (!trySend(records.get(next), written.get(next))) {
                    return false;
                }
                next++;
            }
            return true;
        }
    }

    /** @return false when the producer could not take the record without waiting; true when it took it or refused it for good */
    private boolean trySend(ProducerRecord<byte[], byte[]> record, CompletableFuture<LogPosition> written) {
        SendAttempt attempt = new SendAttempt(written);
        try {
            producer.send(record, attempt);
        } catch (TimeoutException e) {
            attempt.refusedForNow = true;
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        attempt.sending = false;
        return !attempt.refusedForNow;
    }

    /**
     * The producer reports a refusal through the callback, called on the sending thread before
     * {@code send} returns: a timeout there (no room, no metadata, with {@code max.block.ms=0}) means
     * "not now". Any other outcome is the record's for good.
     */
    private static final class SendAttempt implements Callback {

        private final Thread caller = Thread.currentThread();
        private final CompletableFuture<LogPosition> written;
        private boolean sending = true;
        private boolean refusedForNow;

        SendAttempt(CompletableFuture<LogPosition> written) {
            this.written = written;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error == null) {
                written.complete(new LogPosition(metadata.topic(), metadata.partition(), metadata.offset()));
            } else if (error instanceof TimeoutException && sending && Thread.currentThread() == caller) {
                refusedForNow = true;
            } else {
                written.completeExceptionally(error);
            }
        }
    }
}
