package io.wharf.launcher.testing;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.testing.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A real edge over the test's Kafka, with topics of its own prefix so that tests sharing the broker
 * do not see each other's messages, and real MQTT 5 clients to talk to it.
 */
public record EdgeOnTestKafka(String kafkaBootstrap, WharfTopics topics, MqttEdge edge) implements AutoCloseable {

    public static EdgeOnTestKafka start(TestKafka kafka, String prefixStem) {
        return start(kafka, prefixStem, prefix -> List.of());
    }

    /** @param mapping the topic mapping rules, given the edge's topic prefix (to name their topics) */
    public static EdgeOnTestKafka start(
            TestKafka kafka, String prefixStem, Function<String, List<MappingRule>> mapping) {
        WharfTopics topics =
                new WharfTopics(prefixStem + "-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        List<MappingRule> rules = mapping.apply(topics.prefix());
        TopicProvisioner.ensure(
                kafka.bootstrapServers(),
                Map.of(),
                topics,
                TopicLayout.defaults(),
                rules,
                TopicProvisioner.DEFAULT_TIMEOUT);
        MqttEdge edge =
                MqttEdge.start(EdgeSettings.forLocalKafka(prefixStem + "-edge", kafka.bootstrapServers(), topics)
                        .withMapping(rules));
        return new EdgeOnTestKafka(kafka.bootstrapServers(), topics, edge);
    }

    /** A connected MQTT 5 client; disconnect it when done. */
    public Mqtt5BlockingClient connect(String clientId) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
        client.connect();
        return client;
    }

    public int mqttPort() {
        return edge.mqttPort();
    }

    @Override
    public void close() {
        edge.close();
    }
}
