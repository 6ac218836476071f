package io.wharf.edge.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition a topic really has (as Kafka says, never a configured count) on a thread of
 * its own and hands each record to a handler: from the beginning, with a wait until everything
 * written before the start is read, or from a point in time. Used for the topics every edge keeps a
 * view of: retained messages, sessions, heartbeats.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(500);

    /** What to do with what the follower reads; runs on the follower's thread. */
    public interface Handler {
        void apply(ConsumerRecord<byte[], byte[]> record);

        /** After each poll, read or not: a place to act on positions reached. */
        default void afterPoll(Consumer<byte[], byte[]> consumer) {}
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Handler handler;
    private final Thread thread;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private Map<TopicPartition, Long> loadTarget = Map.of();
    private volatile boolean running = true;

    public TopicFollower(String name, Consumer<byte[], byte[]> consumer, String topic, Handler handler) {
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Reads from the beginning and waits until every record written before now has been handled.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean startFromBeginning(Duration timeout) throws InterruptedException {
        List<TopicPartition> partitions = assignAll();
        consumer.seekToBeginning(partitions);
        loadTarget = consumer.endOffsets(partitions);
        thread.start(); // the thread owns the consumer from here
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads from the first record written at or after {@code since}. */
    public void startFrom(Instant since) {
        List<TopicPartition> partitions = assignAll();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        loaded.countDown();
        thread.start();
    }

    private List<TopicPartition> assignAll() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        return partitions;
    }

    /** Goes on through every error until closed: the edge's view of the topic depends on it. */
    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                handler.afterPoll(consumer);
                checkLoaded();
            } catch (WakeupException e) {
                // closing
            } catch (InterruptException e) {
                if (running) {
                    log.error("Reading {} was interrupted; the edge's view of it stops here", topic);
                }
                return;
            } catch (RuntimeException | Error e) {
                log.warn("Reading {} failed, retrying in {} ms: {}", topic, ERROR_BACKOFF.toMillis(), e.toString());
                pause();
            }
        }
    }

    /** One record that cannot be handled is skipped, not the rest of the poll with it. */
    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            handler.apply(record);
        } catch (RuntimeException | Error e) {
            log.warn(
                    "Skipping the record of {} at {}-{}@{}: {}",
                    topic,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void checkLoaded() {
        if (loaded.getCount() == 0) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : loadTarget.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        loaded.countDown();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
