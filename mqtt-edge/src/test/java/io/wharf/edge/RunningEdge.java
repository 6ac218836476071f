package io.wharf.edge;

import io.wharf.edge.auth.AuthSettings;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An edge over a real Kafka, on its own topics so that tests sharing a broker do not meet. */
public final class RunningEdge implements AutoCloseable {

    private static final AtomicInteger EDGES = new AtomicInteger();

    private final TestKafka kafka;
    private final WharfTopics topics;
    private final ProtocolSettings protocol;
    private final MqttEdge edge;

    private RunningEdge(TestKafka kafka, WharfTopics topics, ProtocolSettings protocol, MqttEdge edge) {
        this.kafka = kafka;
        this.topics = topics;
        this.protocol = protocol;
        this.edge = edge;
    }

    public static RunningEdge start(TestKafka kafka) {
        return start(kafka, TopicLayout.defaults());
    }

    public static RunningEdge start(TestKafka kafka, TopicLayout layout) {
        return start(kafka, newTopics(kafka, layout), ProtocolSettings.defaults());
    }

    /** An edge with the given MQTT limits and choices, on new topics laid out as given. */
    public static RunningEdge start(TestKafka kafka, TopicLayout layout, ProtocolSettings protocol) {
        return start(kafka, newTopics(kafka, layout), protocol);
    }

    /**
     * Another edge on this one's Kafka topics, with the same settings: a restarted edge once this one
     * is closed, or a second edge of the same cluster while it runs.
     */
    public RunningEdge startAnother() {
        return start(kafka, topics, protocol);
    }

    private static RunningEdge start(TestKafka kafka, WharfTopics topics, ProtocolSettings protocol) {
        EdgeSettings settings = EdgeSettings.forLocalKafka(
                        "edge-test-" + EDGES.incrementAndGet(), kafka.bootstrapServers(), topics)
                .withProtocol(protocol);
        return new RunningEdge(kafka, topics, protocol, MqttEdge.start(settings));
    }

    /** An edge that lets in only the clients {@code auth} accepts (its {@link #startAnother} accepts everyone). */
    public static RunningEdge start(TestKafka kafka, AuthSettings auth) {
        WharfTopics topics = newTopics(kafka, TopicLayout.defaults());
        EdgeSettings settings = EdgeSettings.builder(
                        "edge-test-" + EDGES.incrementAndGet(), kafka.bootstrapServers(), topics)
                .auth(auth)
                .build();
        return new RunningEdge(kafka, topics, ProtocolSettings.defaults(), MqttEdge.start(settings));
    }

    private static WharfTopics newTopics(TestKafka kafka, TopicLayout layout) {
        WharfTopics topics =
                new WharfTopics("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, layout);
        return topics;
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

    /**
     * The value of the edge's Prometheus counter {@code name} whose labels include
     * {@code label="value"}, read from its {@code /metrics}; 0 before it first counted.
     */
    public double counter(String name, String label, String value) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher sample = Pattern.compile(Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label + "=\"" + value + "\"")
                        + "[^}]*} (\\S+)")
                .matcher(metrics.body());
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    @Override
    public void close() {
        edge.close();
    }
}
