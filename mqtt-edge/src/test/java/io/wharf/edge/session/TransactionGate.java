package io.wharf.edge.session;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka client interceptor (set through the edge's client overrides) that holds the edge's
 * transactional writer inside a transaction: the record with the armed payload waits in {@code
 * send} until a record with the opening payload passes through the edge's ordinary producer. So a
 * test can end a client's connection while its QoS 2 message is in the transaction, however fast
 * Kafka is. It is a consumer interceptor too (doing nothing), since the overrides reach every
 * client of the edge.
 */
public final class TransactionGate implements ProducerInterceptor<byte[], byte[]>, ConsumerInterceptor<byte[], byte[]> {

    private static volatile Armed armed;

    private boolean transactional;

    /** Holds the transaction that sends {@code held} until the edge's own producer sends {@code opener}. */
    public static Armed arm(byte[] held, byte[] opener) {
        Armed gate = new Armed(held.clone(), opener.clone(), new CountDownLatch(1), new CountDownLatch(1));
        armed = gate;
        return gate;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        transactional = configs.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null;
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        Armed gate = armed;
        if (gate == null || record.value() == null) {
            return record;
        }
        if (transactional && Arrays.equals(record.value(), gate.held)) {
            gate.holding.countDown();
            try {
                gate.open.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!transactional && Arrays.equals(record.value(), gate.opener)) {
            gate.open.countDown();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    /** One armed gate: {@link #awaitHolding} returns once the transaction waits in it. */
    public record Armed(byte[] held, byte[] opener, CountDownLatch holding, CountDownLatch open) {

        public void awaitHolding() throws InterruptedException {
            if (!holding.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the QoS 2 message never reached the transaction");
            }
        }

        public void disarm() {
            open.countDown();
            armed = null;
        }
    }
}
