package io.wharf.edge.conformance;

import io.wharf.edge.RunningEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One edge for all the tests of a class, on topics of its own. Tests use their own client ids and
 * MQTT topics, so they do not meet.
 *
 * <p>The message topic has one partition, so every message reaches a subscriber in the order it
 * was published, whatever its MQTT topic: a test shows that a message was not delivered by
 * publishing a marker after it and seeing the marker arrive alone.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EdgePerClass {

    public static final TopicLayout ONE_PARTITION = new TopicLayout(1, 1, (short) 0, Duration.ofDays(1), Map.of());

    protected RunningEdge edge;
    protected TestKafka kafka;

    /** The edge's MQTT settings; a class that needs other limits overrides this. */
    protected ProtocolSettings settings() {
        return ProtocolSettings.defaults();
    }

    @BeforeAll
    void startEdge(TestKafka kafka) {
        this.kafka = kafka;
        edge = RunningEdge.start(kafka, ONE_PARTITION, settings());
    }

    @AfterAll
    void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    protected int port() {
        return edge.mqttPort();
    }
}
