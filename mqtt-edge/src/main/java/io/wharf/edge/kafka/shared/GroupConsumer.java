package io.wharf.edge.kafka.shared;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka side of one shared subscription on one edge: a member of the subscription's group
 * that hands out records and learns what became of them. Used on its reader's thread only.
 */
interface GroupConsumer extends AutoCloseable {

    /**
     * The next records for this edge's members; each must be accepted or released (or, where
     * {@link #release} says so, delivered again by the reader) before the next call.
     */
    ConsumerRecords<byte[], byte[]> poll(Duration timeout);

    /** How long the reader may hold the records of the last poll before it must give them up. */
    Duration holdLimit();

    /** The record is done with: delivered, or not for this subscription. */
    void accept(ConsumerRecord<byte[], byte[]> record);

    /**
     * The record must go to some other member.
     *
     * @return true if the group delivers it again (to any member, on any edge); false if the reader
     *     must offer it to another of its own members
     */
    boolean release(ConsumerRecord<byte[], byte[]> record);

    /**
     * Makes the outcomes so far durable.
     *
     * @param settledUpTo per partition, the offset below which every record polled is settled
     */
    void commit(Map<TopicPartition, Long> settledUpTo);

    /** Makes a {@link #poll} under way return early. Any thread. */
    void wakeup();

    @Override
    void close();
}
