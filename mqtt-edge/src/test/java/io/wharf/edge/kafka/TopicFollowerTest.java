package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A follower of a topic every edge keeps a view of goes on past records it cannot handle. */
@Timeout(30)
class TopicFollowerTest {

    private static final String TOPIC = "mqtt.sessions";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void aRecordTheHandlerCannotHandleIsSkippedAndTheFollowerGoesOn() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 3L));
        consumer.schedulePollTask(() -> List.of(record(0), record(1), record(2)).forEach(consumer::addRecord));
        List<Long> handled = new CopyOnWriteArrayList<>();
        TopicFollower.Handler handler = record -> {
            if (record.offset() == 0) {
                throw new IllegalArgumentException("unreadable record");
            }
            if (record.offset() == 1) {
                throw new StackOverflowError("a bug in a handler");
            }
            handled.add(record.offset());
        };
        try (TopicFollower follower = new TopicFollower("test-follower", consumer, TOPIC, handler)) {
            assertThat(follower.startFromBeginning(Duration.ofSeconds(10))).isTrue();
            assertThat(handled).containsExactly(2L);

            consumer.schedulePollTask(() -> consumer.addRecord(record(3)));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(3L));
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, new byte[] {1}, new byte[] {2});
    }
}
