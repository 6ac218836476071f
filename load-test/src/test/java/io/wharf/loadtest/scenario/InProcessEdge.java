package io.wharf.loadtest.scenario;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.TestKafka;
import java.util.UUID;

/** A Wharf edge in the test JVM over the shared test broker, on topics of its own. */
final class InProcessEdge implements AutoCloseable {

    private final TestKafka kafka;
    private final WharfTopics topics;
    private final MqttEdge edge;

    private InProcessEdge(TestKafka kafka, WharfTopics topics, MqttEdge edge) {
        this.kafka = kafka;
        this.topics = topics;
        this.edge = edge;
    }

    static InProcessEdge start(TestKafka kafka) {
        WharfTopics topics =
                new WharfTopics("load-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        return new InProcessEdge(
                kafka,
                topics,
                MqttEdge.start(EdgeSettings.forLocalKafka("load-test-edge", kafka.bootstrapServers(), topics)));
    }

    /** Options that aim a scenario at this edge and its Kafka. */
    LoadOptions options() {
        LoadOptions options = new LoadOptions();
        options.target = "wharf-in-process";
        options.port = edge.mqttPort();
        options.kafkaBootstrap = kafka.bootstrapServers();
        options.kafkaTopic = topics.messages().name();
        options.topicPrefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        options.threads = 2;
        options.durationSeconds = 2;
        options.drainSeconds = 10;
        return options;
    }

    @Override
    public void close() {
        edge.close();
    }
}
