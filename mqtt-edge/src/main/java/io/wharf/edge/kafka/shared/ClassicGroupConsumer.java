package io.wharf.edge.kafka.shared;

import io.wharf.edge.kafka.EdgeKafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a classic consumer group, for clusters without share groups. The group divides the
 * partitions between the edges; this edge commits a partition's offset once everything below it
 * is delivered, so the records of a partition that moves to another edge (because this one's last
 * member left, or it died) are delivered there from the first one not yet delivered here.
 */
final class ClassicGroupConsumer implements GroupConsumer {

    private static final Logger log = LoggerFactory.getLogger(ClassicGroupConsumer.class);
    /** No lock runs out here; a record a member has not acknowledged by then goes to another one. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String groupId;

    private ClassicGroupConsumer(KafkaConsumer<byte[], byte[]> consumer, String groupId) {
        this.consumer = consumer;
        this.groupId = groupId;
    }

    static ClassicGroupConsumer subscribe(
            String bootstrap,
            String clientId,
            String groupId,
            List<String> topics,
            int maxRecords,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // joins in a fraction of the new protocol's time
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        KafkaConsumer<byte[], byte[]> consumer = EdgeKafkaClients.consumer(bootstrap, clientId, config);
        consumer.subscribe(topics);
        return new ClassicGroupConsumer(consumer, groupId);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    @Override
    public Duration holdLimit() {
        return HOLD_LIMIT;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        // counted in the next commit
    }

    /** A consumer group cannot hand one record to another member: the reader offers it again. */
    @Override
    public boolean release(ConsumerRecord<byte[], byte[]> record) {
        return false;
    }

    @Override
    public void commit(Map<TopicPartition, Long> settledUpTo) {
        if (settledUpTo.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(committable(settledUpTo));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.warn(
                    "{}: the group moved partitions before this edge committed; their records may come again: {}",
                    groupId,
                    e.toString());
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        offsets.forEach((partition, offset) -> committable.put(partition, new OffsetAndMetadata(offset)));
        return committable;
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
}
