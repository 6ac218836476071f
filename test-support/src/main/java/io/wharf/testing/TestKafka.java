package io.wharf.testing;

/** A real Kafka a test talks to: the shared embedded broker, a test cluster or a container. */
public interface TestKafka {

    String bootstrapServers();
}
