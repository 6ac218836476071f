package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.message.LogPartition;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaCursorLagTest {

    @Test
    void addsWhatEachPartitionHoldsBeyondTheCursor() {
        Map<LogPartition, Long> next =
                Map.of(new LogPartition("mqtt.messages", 0), 10L, new LogPartition("mqtt.messages", 1), 3L);
        Map<TopicPartition, Long> ends =
                Map.of(new TopicPartition("mqtt.messages", 0), 25L, new TopicPartition("mqtt.messages", 1), 3L);

        assertThat(KafkaCursorLag.recordsBehind(next, ends)).isEqualTo(15);
    }

    @Test
    void aCursorBeyondATruncatedLogIsNotBehindAndAnUnlistedPartitionAddsNothing() {
        Map<LogPartition, Long> next = Map.of(new LogPartition("telemetry", 0), 40L, new LogPartition("gone", 0), 5L);
        Map<TopicPartition, Long> ends = Map.of(new TopicPartition("telemetry", 0), 30L);

        assertThat(KafkaCursorLag.recordsBehind(next, ends)).isZero();
    }
}
