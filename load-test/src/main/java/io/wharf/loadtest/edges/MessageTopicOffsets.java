package io.wharf.loadtest.edges;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of the message topic's partitions, asked of Kafka: between two readings, the
 * records appended to each partition, which an edge's live feed reads in full for every partition
 * it follows.
 */
final class MessageTopicOffsets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String topic;
    private final int partitions;

    MessageTopicOffsets(String bootstrap, String topic) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
        this.topic = topic;
        try {
            this.partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            admin.close();
            throw failure("describe " + topic, e);
        }
    }

    int partitions() {
        return partitions;
    }

    /** Partition to its end offset, now. */
    Map<Integer, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> offsets = new HashMap<>();
            ends.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
            return offsets;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("read the end offsets of " + topic, e);
        }
    }

    /** Records appended between two readings to the given partitions. */
    static long appended(Map<Integer, Long> before, Map<Integer, Long> after, Iterable<Integer> partitions) {
        long records = 0;
        for (int partition : partitions) {
            records += after.getOrDefault(partition, 0L) - before.getOrDefault(partition, 0L);
        }
        return records;
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("could not " + what + ": " + e, e);
    }

    @Override
    public void close() {
        admin.close();
    }
}
