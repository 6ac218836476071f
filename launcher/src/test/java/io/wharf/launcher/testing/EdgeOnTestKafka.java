package io.wharf.launcher.testing;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.TestKafka;
import java.util.UUID;

/**
 * A real edge over the test's Kafka, with topics of its own prefix so that tests sharing the broker
 * do not see each other's messages, and real MQTT 5 clients to talk to it.
 */
public record EdgeOnTestKafka(String kafkaBootstrap, WharfTopics topics, MqttEdge edge) implements AutoCloseable {

  public static EdgeOnTestKafka start(TestKafka kafka, String prefixStem) {
    WharfTopics topics = new WharfTopics(prefixStem + "-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
    MqttEdge edge = MqttEdge.start(EdgeSettings.forLocalKafka(prefixStem + "-edge", kafka.bootstrapServers(), topics));
    return new EdgeOnTestKafka(kafka.bootstrapServers(), topics, edge);
  }

  /** A connected MQTT 5 client; disconnect it when done. */
  public Mqtt5BlockingClient connect(String clientId) {
    Mqtt5BlockingClient client =
        MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1").serverPort(edge.mqttPort()).buildBlocking();
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
