package io.wharf.edge.kafka.session;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Whether a finished transaction committed, told by reading one of its records back with a
 * {@code read_committed} consumer: a committed record is returned at its offset, an aborted one is
 * skipped (the position moves past it). Used rarely, after a commit whose outcome was in doubt, so
 * each check makes its own consumer.
 */
public final class CommittedRecordCheck implements TransactionalWriter.CommitCheck {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration timeout;

    /** @param consumers make {@code read_committed} consumers for manual assignment */
    public CommittedRecordCheck(Supplier<Consumer<byte[], byte[]>> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    @Override
    public boolean committed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, record.offset());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> read : consumer.poll(POLL).records(partition)) {
                    if (read.offset() == record.offset()) {
                        return true;
                    }
                }
                if (consumer.position(partition) > record.offset()) {
                    return false; // skipped: aborted
                }
            }
            throw new TimeoutException("Could not read " + partition + "@" + record.offset() + " back within "
                    + timeout.toMillis() + " ms");
        }
    }
}
