package io.wharf.edge.kafka;

import io.wharf.edge.kafka.typed.TypedTopics;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.log.MessageTooLargeException;
import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.mapping.Route;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.time.Duration;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(KafkaMessageLog.class);
    private static final long FIRST_RETRY_MS = 10;
    private static final long LAST_RETRY_MS = 1000;
    private static final long METADATA_POLL_MS = 50;

    private final Producer<byte[], byte[]> producer;
    private final TopicMapping mapping;
    private final String retainedTopic;
    private final RetainedIndex retainedIndex;
    private final Duration outageLimit;
    private final ProduceObserver observer;
    private final TopicSizeLimits sizeLimits;
    private final TypedTopics typed;

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
        this(producer, mapping, retainedTopic, retainedIndex, outageLimit, ProduceObserver.NONE);
    }

    /** @param observer told of each message's outcome */
    public KafkaMessageLog(
            Producer<byte[], byte[]> producer,
            TopicMapping mapping,
            String retainedTopic,
            RetainedIndex retainedIndex,
            Duration outageLimit,
            ProduceObserver observer) {
        this(
                producer,
                mapping,
                retainedTopic,
                retainedIndex,
                outageLimit,
                observer,
                TopicSizeLimits.UNKNOWN,
                TypedTopics.NONE);
    }

    /**
     * @param sizeLimits the topics' record limits, named when Kafka refuses a record as too large
     * @param typed the topics whose payloads are checked against a schema and written typed
     */
    public KafkaMessageLog(
            Producer<byte[], byte[]> producer,
            TopicMapping mapping,
            String retainedTopic,
            RetainedIndex retainedIndex,
            Duration outageLimit,
            ProduceObserver observer,
            TopicSizeLimits sizeLimits,
            TypedTopics typed) {
        this.typed = typed;
        this.sizeLimits = sizeLimits;
        this.producer = producer;
        this.mapping = mapping;
        this.retainedTopic = retainedTopic;
        this.retainedIndex = retainedIndex;
        this.outageLimit = outageLimit;
        this.observer = observer;
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
        if (typed.usesDeadLetters()) {
            topics.add(typed.deadLetterTopic());
        }
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
    public CompletableFuture<LogPosition> append(ApplicationMessage message) {
        CompletableFuture<LogPosition> stored = new CompletableFuture<>();
        Append append = begin(message, (position, error) -> {
            if (error == null) {
                stored.complete(position);
            } else {
                stored.completeExceptionally(error);
            }
        });
        if (!append.handOver()) {
            retryLater(append, FIRST_RETRY_MS);
        }
        return stored;
    }

    @Override
    public Append begin(ApplicationMessage message, Completion done) {
        return new KafkaAppend(message, done);
    }

    /**
     * The records a message becomes: one in the Kafka topic the mapping gives it and, for a retained message, one in
     * the retained topic (a tombstone when the payload is empty, which clears the topic's retained
     * message). For writers that send them themselves, in a transaction.
     */
    public List<ProducerRecord<byte[], byte[]>> records(ApplicationMessage message) {
        ProducerRecord<byte[], byte[]> record;
        try {
            record = messageRecord(message);
        } catch (PayloadInvalidException refused) {
            return List.of(); // counted; a will has nobody to tell
        }
        if (!message.retain()) {
            return List.of(record);
        }
        return List.of(record, MessageCodec.toRetainedRecord(retainedTopic, message));
    }

    /**
     * The message's record in the topic the mapping gives it: typed where the topic's rule says so,
     * or, for a payload that does not fit the schema, what the rule says then.
     *
     * @throws PayloadInvalidException when the rule refuses the payload
     */
    private ProducerRecord<byte[], byte[]> messageRecord(ApplicationMessage message) throws PayloadInvalidException {
        Route route = mapping.route(message.topic());
        ProducerRecord<byte[], byte[]> plain = MessageCodec.toRecord(route.kafkaTopic(), route.key(), message);
        if (typed.of(route.kafkaTopic()) == null) {
            return plain;
        }
        return typed.record(plain, invalid -> {
            observer.payloadInvalid(route.kafkaTopic(), invalid.action());
            log.debug(
                    "A payload from {} on {} does not fit the schema of {}: {}",
                    message.publisherId(),
                    message.topic(),
                    route.kafkaTopic(),
                    invalid.why());
        });
    }

    /** A retained message is in Kafka: this edge's next SUBSCRIBE sees it at once, not when the reader gets there. */
    public void retainedStored(ApplicationMessage message, LogPosition position) {
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

    /**
     * The records of one message, how far the producer has taken them, and the producer's callback
     * for the message record: one object per message on the way in, whose outcome goes straight to
     * the caller's completion. The rare retained message has a second callback for its second record.
     */
    private final class KafkaAppend implements Append, Callback {

        private final ApplicationMessage message;
        private final ProducerRecord<byte[], byte[]> record;
        private final ProducerRecord<byte[], byte[]> retainedRecord;
        private final Callback retainedCallback;
        private final Completion done;
        // the payload's rule refused it: nothing is sent, and the append ends with this
        private final PayloadInvalidException refused;
        private final long startNanos = System.nanoTime();
        private final long deadlineNanos = startNanos + outageLimit.toNanos();
        private int next;
        // The thread inside producer.send, if any: the producer reports "no room now" on it, before send returns.
        private Thread sending;
        private boolean refusedForNow;
        // Outcomes of a retained message's two records, from the producer's threads; guarded by this.
        private int outstanding;
        private LogPosition messagePosition;
        private Throwable failure;

        KafkaAppend(ApplicationMessage message, Completion done) {
            this.message = message;
            this.done = done;
            ProducerRecord<byte[], byte[]> built = null;
            PayloadInvalidException refusal = null;
            try {
                built = messageRecord(message);
            } catch (PayloadInvalidException e) {
                refusal = e;
            }
            record = built;
            refused = refusal;
            if (message.retain() && refused == null) {
                retainedRecord = MessageCodec.toRetainedRecord(retainedTopic, message);
                retainedCallback = (metadata, error) -> outcome(false, metadata, error);
                outstanding = 2;
            } else {
                retainedRecord = null;
                retainedCallback = null;
                outstanding = 1;
            }
        }

        /** Kafka's refusal, in the edge's terms, with the line that tells the operator which limit it hit. */
        private MessageTooLargeException tooLarge(ProducerRecord<byte[], byte[]> refused, Throwable error) {
            MessageTooLargeException tooLarge =
                    new MessageTooLargeException(refused.topic(), sizeLimits.limitOf(refused.topic()), error);
            log.warn(
                    "Kafka refused a message from {} on {} ({} payload bytes) as too large: {}",
                    message.publisherId(),
                    message.topic(),
                    message.payload().length,
                    tooLarge.getMessage());
            return tooLarge;
        }

        @Override
        public boolean untouched() {
            return next == 0;
        }

        @Override
        public boolean handOver() {
            if (refused != null) {
                if (next == 0) {
                    next = 1;
                    done.completed(null, refused);
                }
                return true;
            }
            if (tryHandOver()) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                java.util.concurrent.TimeoutException gaveUp = new java.util.concurrent.TimeoutException(
                        "Kafka could not take the message within the outage limit of " + outageLimit.toSeconds()
                                + " s");
                for (; next < records(); next++) {
                    finished(next == 0, null, gaveUp);
                }
                return true;
            }
            return false;
        }

        private int records() {
            return retainedRecord == null ? 1 : 2;
        }

        private boolean tryHandOver() {
            while (next < records()) {
                boolean messageRecord = next == 0;
                if (!trySend(messageRecord ? record : retainedRecord, messageRecord ? this : retainedCallback)) {
                    return false;
                }
                next++;
            }
            return true;
        }

        /** @return false when the producer could not take the record without waiting; true when it took it or refused it for good */
        private boolean trySend(ProducerRecord<byte[], byte[]> toSend, Callback callback) {
            refusedForNow = false;
            sending = Thread.currentThread();
            try {
                producer.send(toSend, callback);
            } catch (TimeoutException e) {
                refusedForNow = true;
            } catch (RuntimeException e) {
                finished(toSend == record, null, e);
            } finally {
                sending = null;
            }
            return !refusedForNow;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            outcome(true, metadata, error);
        }

        /**
         * A timeout reported on the sending thread while send runs ({@code max.block.ms=0}: no room,
         * no metadata) means "not now"; any other outcome is the record's for good.
         */
        private void outcome(boolean messageRecord, RecordMetadata metadata, Exception error) {
            if (error == null) {
                finished(
                        messageRecord,
                        new LogPosition(metadata.topic(), metadata.partition(), metadata.offset()),
                        null);
            } else if (error instanceof TimeoutException && Thread.currentThread() == sending) {
                refusedForNow = true;
            } else {
                finished(messageRecord, null, error);
            }
        }

        private void finished(boolean messageRecord, LogPosition position, Throwable error) {
            if (error instanceof RecordTooLargeException) {
                error = tooLarge(messageRecord ? record : retainedRecord, error);
            }
            if (!messageRecord && error == null) {
                retainedStored(message, position);
            }
            if (messageRecord) {
                if (error == null) {
                    observer.written(System.nanoTime() - startNanos);
                } else {
                    observer.failed(error);
                }
            }
            if (retainedRecord == null) {
                done.completed(position, error);
                return;
            }
            LogPosition stored;
            Throwable failed;
            synchronized (this) {
                if (messageRecord) {
                    messagePosition = position;
                }
                if (failure == null) {
                    failure = error;
                }
                if (--outstanding > 0) {
                    return;
                }
                stored = messagePosition;
                failed = failure;
            }
            done.completed(failed == null ? stored : null, failed);
        }
    }
}
