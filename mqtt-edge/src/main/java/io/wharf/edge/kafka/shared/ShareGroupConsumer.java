package io.wharf.edge.kafka.shared;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a Kafka share group (KIP-932). Each record it gets is locked to it until it accepts
 * the record (gone for good) or releases it (available to every member again), or until the lock
 * runs out. Acknowledgements are explicit, so no record counts as delivered by accident.
 */
final class ShareGroupConsumer implements GroupConsumer {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupConsumer.class);
    private static final Duration DEFAULT_LOCK = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** Client settings of classic consumer groups, which a share consumer refuses to start with. */
    private static final Set<String> CLASSIC_ONLY_SETTINGS = Set.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
            ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    private final KafkaShareConsumer<byte[], byte[]> consumer;
    private final String groupId;

    private ShareGroupConsumer(KafkaShareConsumer<byte[], byte[]> consumer, String groupId) {
        this.consumer = consumer;
        this.groupId = groupId;
    }

    /**
     * @param maxRecords how many records one poll takes at most; few, so that the group's records
     *     spread over its members and a slow member holds back little
     */
    static ShareGroupConsumer subscribe(
            String bootstrap,
            String clientId,
            String groupId,
            List<String> topics,
            int maxRecords,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.keySet().removeAll(CLASSIC_ONLY_SETTINGS);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        KafkaShareConsumer<byte[], byte[]> consumer =
                new KafkaShareConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        return new ShareGroupConsumer(consumer, groupId);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Three quarters of the lock: time enough left to release what is not done before Kafka does. */
    @Override
    public Duration holdLimit() {
        long lockMs =
                consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK.toMillis());
        return Duration.ofMillis(lockMs * 3 / 4);
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
    }

    @Override
    public boolean release(ConsumerRecord<byte[], byte[]> record) {
        consumer.acknowledge(record, AcknowledgeType.RELEASE);
        return true;
    }

    /** Sends the acknowledgements; one that Kafka refused means its record is delivered again. */
    @Override
    public void commit(Map<TopicPartition, Long> settledUpTo) {
        consumer.commitSync()
                .forEach((partition, error) -> error.ifPresent(e -> log.warn(
                        "{}: Kafka did not take the acknowledgements for {}; those records come again: {}",
                        groupId,
                        partition,
                        e.toString())));
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    /** Leaving the group hands every record still locked to this member back to the others. */
    @Override
    public void close() {
        consumer.close(CLOSE_TIMEOUT);
    }
}
