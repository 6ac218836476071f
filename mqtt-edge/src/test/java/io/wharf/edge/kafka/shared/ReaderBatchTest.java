package io.wharf.edge.kafka.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReaderBatchTest {

    private final ReaderBatch batch = new ReaderBatch(0);

    @Test
    void aPartitionIsSettledUpToItsFirstRecordStillOut() {
        ReaderBatch.Pending a0 = add(0, 10);
        ReaderBatch.Pending a1 = add(0, 11);
        ReaderBatch.Pending a2 = add(0, 12);
        ReaderBatch.Pending b0 = add(1, 5);
        batch.settle(a0);
        batch.settle(a2);
        batch.settle(b0);

        assertThat(batch.isSettled()).isFalse();
        assertThat(batch.settledUpTo()).isEqualTo(Map.of(partition(0), 11L, partition(1), 6L));

        batch.settle(a1);
        assertThat(batch.isSettled()).isTrue();
        assertThat(batch.settledUpTo()).isEqualTo(Map.of(partition(0), 13L, partition(1), 6L));
    }

    @Test
    void aPartitionWhoseFirstRecordIsOutStaysWhereItWas() {
        add(0, 7);
        batch.settle(add(0, 8));

        assertThat(batch.settledUpTo()).isEqualTo(Map.of(partition(0), 7L));
    }

    @Test
    void settlingTwiceCountsOnce() {
        ReaderBatch.Pending only = add(0, 1);
        add(0, 2);
        batch.settle(only);
        batch.settle(only);

        assertThat(batch.isSettled()).isFalse();
        assertThat(batch.unsettled()).hasSize(1);
    }

    private ReaderBatch.Pending add(int partition, long offset) {
        return batch.add(new ConsumerRecord<>("messages", partition, offset, new byte[0], new byte[0]), null);
    }

    private static TopicPartition partition(int partition) {
        return new TopicPartition("messages", partition);
    }
}
