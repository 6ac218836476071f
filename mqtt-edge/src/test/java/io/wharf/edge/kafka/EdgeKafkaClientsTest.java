package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The settings an edge's guarantees rest on cannot be replaced by settings passed in. */
class EdgeKafkaClientsTest {

    @Test
    void aProducerWritesToEveryInSyncReplicaIdempotentlyWhateverItIsGiven() {
        Map<String, Object> config = EdgeKafkaClients.producerConfig(
                "localhost:9092",
                "p",
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20),
                true);

        assertThat(config)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .as("tuning passes through")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20);
    }

    @Test
    void aConsumerReadsCommittedRecordsAndCommitsNothingWhateverItIsGiven() {
        Map<String, Object> config = EdgeKafkaClients.consumerConfig(
                "localhost:9092",
                "c",
                Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        true,
                        "client.rack",
                        "rack-1"));

        assertThat(config)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry("client.rack", "rack-1");
    }
}
