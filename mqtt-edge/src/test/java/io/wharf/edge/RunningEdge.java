package io.wharf.edge;

import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.TestKafka;
import java.util.UUID;

/** An edge over a real Kafka, on its own topics so that tests sharing a broker do not meet. */
public final class RunningEdge implements AutoCloseable {

  private final TestKafka kafka;
  private final WharfTopics topics;
  private final MqttEdge edge;

  private RunningEdge(TestKafka kafka, WharfTopics topics, MqttEdge edge) {
    this.kafka = kafka;
    this.topics = topics;
    this.edge = edge;
  }

  public static RunningEdge start(TestKafka kafka) {
    return start(kafka, TopicLayout.defaults());
  }

  public static RunningEdge start(TestKafka kafka, TopicLayout layout) {
    WharfTopics topics = new WharfTopics("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    TopicProvisioner.ensure(kafka.bootstrapServers(), topics, layout);
    MqttEdge edge = MqttEdge.start(EdgeSettings.forLocalKafka("edge-test", kafka.bootstrapServers(), topics));
    return new RunningEdge(kafka, topics, edge);
  }

  public int mqttPort() {
    return edge.mqttPort();
  }

  public String mqttUri() {
    return "tcp://127.0.0.1:" + edge.mqttPort();
  }

  public WharfTopics topics() {
    return topics;
  }

  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  public MqttEdge edge() {
    return edge;
  }

  @Override
  public void close() {
    edge.close();
  }
}
