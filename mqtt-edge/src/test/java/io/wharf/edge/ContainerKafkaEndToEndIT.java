package io.wharf.edge;

import io.wharf.testing.TestKafka;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end path against Apache Kafka's own container image, where a Docker engine exists;
 * reported as skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaEndToEndIT extends EndToEndContract {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    TestKafka kafka() {
        return KAFKA::getBootstrapServers;
    }
}
