package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A backend writes records straight to Kafka (key = MQTT topic, no MQTT headers) and N MQTT
 * subscribers receive them: the Kafka-to-device path, which only a Kafka-native broker has.
 * {@code --rate} is records per second in total.
 */
public final class KafkaToMqtt implements Scenario {

    @Override
    public String name() {
        return "kafka-to-mqtt";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients);
                KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(options.kafkaBootstrap, options.acks)) {
            List<String> topics = RunContext.numberedTopics(options.topicPrefix + "/commands", options.topics);
            ConnectionRamp.Result subscribed = run.connect(
                    options.connections, "receiver", options.connectSettings(), i -> run.countingListener());
            List<LoadConnection> subscribers = RunContext.present(subscribed);
            run.subscribeAll(subscribers, i -> topics, options.qos);
            KafkaPacedProducer backend = new KafkaPacedProducer(
                    producer,
                    options.kafkaTopic,
                    n -> topics.get((int) (n % topics.size())),
                    options.payloadSize,
                    run.measurements);
            int receivers = subscribers.size();
            RunContext.Phase load = run.load(
                    () -> backend.run(options.rate, Duration.ofSeconds(options.durationSeconds)),
                    () -> run.measurements.counts().acknowledged() * receivers);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("subscribers", receivers);
            figures.put("connectFailures", subscribed.failed());
            figures.put(
                    "latency",
                    "Kafka producer send to MQTT receipt (records carry no MQTT QoS header: delivered as QoS 0)");
            return run.result(
                    receivers,
                    run.measurements.counts().acknowledged() * receivers,
                    load.publishSeconds(),
                    load.endNanos(),
                    figures);
        }
    }
}
