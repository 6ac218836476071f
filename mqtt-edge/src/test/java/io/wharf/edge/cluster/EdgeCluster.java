package io.wharf.edge.cluster;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Several edges over one real Kafka and one set of topics: one broker as far as clients can tell. */
public final class EdgeCluster implements AutoCloseable {

    private final TestKafka kafka;
    private final WharfTopics topics;
    private final ProtocolSettings protocol;
    private final List<MappingRule> mapping;
    private final List<MqttEdge> edges = new ArrayList<>();

    private EdgeCluster(TestKafka kafka, WharfTopics topics, ProtocolSettings protocol, List<MappingRule> mapping) {
        this.kafka = kafka;
        this.topics = topics;
        this.protocol = protocol;
        this.mapping = mapping;
    }

    public static EdgeCluster start(TestKafka kafka, int size) {
        return start(kafka, size, ProtocolSettings.defaults());
    }

    public static EdgeCluster start(TestKafka kafka, int size, ProtocolSettings protocol) {
        return start(kafka, size, protocol, prefix -> List.of());
    }

    /** @param mapping the mapping rules, given the cluster's topic prefix (to name their topics) */
    public static EdgeCluster start(
            TestKafka kafka, int size, ProtocolSettings protocol, Function<String, List<MappingRule>> mapping) {
        WharfTopics topics =
                new WharfTopics("cluster-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        List<MappingRule> rules = mapping.apply(topics.prefix());
        TopicProvisioner.ensure(
                kafka.bootstrapServers(), Map.of(), topics, TopicLayout.defaults(), rules, Duration.ofSeconds(30));
        EdgeCluster cluster = new EdgeCluster(kafka, topics, protocol, rules);
        for (int i = 0; i < size; i++) {
            cluster.addEdge();
        }
        return cluster;
    }

    public MqttEdge addEdge() {
        MqttEdge edge = MqttEdge.start(
                EdgeSettings.forLocalKafka("edge-" + (char) ('a' + edges.size()), kafka.bootstrapServers(), topics)
                        .withProtocol(protocol)
                        .withMapping(mapping));
        edges.add(edge);
        return edge;
    }

    public MqttEdge edge(int index) {
        return edges.get(index);
    }

    public String uri(int index) {
        return "tcp://127.0.0.1:" + edges.get(index).mqttPort();
    }

    public WharfTopics topics() {
        return topics;
    }

    /** The mapping rules every edge runs with (the router needs the same). */
    public List<MappingRule> mapping() {
        return mapping;
    }

    @Override
    public void close() {
        edges.forEach(MqttEdge::close);
    }
}
