package io.wharf.launcher.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a time range of Kafka topics, every partition, as one stream in timestamp order.
 *
 * <p>Each partition starts at the first offset whose timestamp is at or after {@code from}
 * (Kafka's time index) and stops at the first at or after {@code until}, or at the end offset it
 * had when the reader opened, so that records written while it reads (for example by a replay to
 * the same broker) are not read. A partition keeps its order; across partitions the record with
 * the oldest timestamp comes first. At most {@link #QUEUE_LIMIT} records per partition are held
 * in memory: a partition that far ahead of the others stops fetching until they catch up.
 */
final class HistoryReader implements AutoCloseable {

    static final int QUEUE_LIMIT = 1_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Comparator<ConsumerRecord<byte[], byte[]>> OLDEST_FIRST =
            Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> stops;
    private final Map<TopicPartition, Queue<ConsumerRecord<byte[], byte[]>>> queued = new LinkedHashMap<>();
    private final Map<TopicPartition, Boolean> fetchedAll = new HashMap<>();
    private final long recordsInRange;

    private HistoryReader(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> stops, long recordsInRange) {
        this.consumer = consumer;
        this.stops = stops;
        this.recordsInRange = recordsInRange;
        for (TopicPartition partition : stops.keySet()) {
            queued.put(partition, new ArrayDeque<>());
            fetchedAll.put(partition, false);
        }
    }

    /**
     * Finds the range in every partition of the topics and positions the reader at its start.
     *
     * @throws ReplayFailedException when Kafka does not answer or the topic does not exist
     */
    static HistoryReader open(
            String bootstrap,
            List<String> topics,
            Instant from,
            Optional<Instant> until,
            Duration timeout,
            Map<String, String> kafkaProperties) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, timeout, kafkaProperties);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<TopicPartition> ofTopic = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                if (ofTopic.isEmpty()) {
                    throw new ReplayFailedException(
                            "Kafka at " + bootstrap + " has no topic " + topic
                                    + ": check --topic-prefix (Wharf's default is mqtt.), --config (its mapping) and --kafka",
                            null);
                }
                partitions.addAll(ofTopic);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = offsetsAt(consumer, partitions, from, ends);
            Map<TopicPartition, Long> stops =
                    until.isPresent() ? offsetsAt(consumer, partitions, until.get(), ends) : ends;
            Map<TopicPartition, Long> ranged = new LinkedHashMap<>();
            long recordsInRange = 0;
            for (TopicPartition partition : partitions) {
                long start = starts.get(partition);
                long stop = Math.min(stops.get(partition), ends.get(partition));
                if (start < stop) {
                    ranged.put(partition, stop);
                    recordsInRange += stop - start;
                }
            }
            consumer.assign(ranged.keySet());
            for (TopicPartition partition : ranged.keySet()) {
                consumer.seek(partition, starts.get(partition));
            }
            return new HistoryReader(consumer, ranged, recordsInRange);
        } catch (TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new ReplayFailedException(
                    "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                            + " s: check --kafka and that the brokers run",
                    e);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new ReplayFailedException("Kafka at " + bootstrap + " refused: " + e.getMessage(), e);
        } catch (ReplayFailedException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** How many offsets the range spans: an upper bound of the records it holds. */
    long recordsInRange() {
        return recordsInRange;
    }

    /**
     * The next record of the range, oldest first across partitions.
     *
     * @return null once every partition has reached its end of the range
     */
    ConsumerRecord<byte[], byte[]> next() {
        while (true) {
            queued.entrySet().removeIf(entry -> entry.getValue().isEmpty() && fetchedAll.get(entry.getKey()));
            if (queued.isEmpty()) {
                return null;
            }
            if (queued.values().stream().noneMatch(Queue::isEmpty)) {
                return queued.values().stream()
                        .map(Queue::peek)
                        .min(OLDEST_FIRST)
                        .map(this::take)
                        .orElseThrow();
            }
            fetch();
        }
    }

    private ConsumerRecord<byte[], byte[]> take(ConsumerRecord<byte[], byte[]> head) {
        TopicPartition partition = new TopicPartition(head.topic(), head.partition());
        queued.get(partition).remove();
        if (!fetchedAll.get(partition) && queued.get(partition).size() < QUEUE_LIMIT / 2) {
            consumer.resume(List.of(partition));
        }
        return head;
    }

    private void fetch() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < stops.get(partition)) {
                queued.get(partition).add(record);
            }
        }
        for (TopicPartition partition : consumer.assignment()) {
            if (!fetchedAll.get(partition) && consumer.position(partition) >= stops.get(partition)) {
                fetchedAll.put(partition, true);
                consumer.pause(List.of(partition));
            } else if (queued.containsKey(partition) && queued.get(partition).size() >= QUEUE_LIMIT) {
                consumer.pause(List.of(partition));
            }
        }
    }

    private static Map<TopicPartition, Long> offsetsAt(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Instant time,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            // No record at or after the time: the range in this partition begins (or ends) at its end.
            offsets.put(partition, offset == null ? ends.get(partition) : offset.offset());
        }
        return offsets;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(
            String bootstrap, Duration timeout, Map<String, String> kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wharf-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Records deleted by retention after the range was found: go on from the oldest left.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
