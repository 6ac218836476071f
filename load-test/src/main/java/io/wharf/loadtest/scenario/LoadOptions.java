package io.wharf.loadtest.scenario;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.loadtest.client.ConnectSettings;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every scenario takes, as command-line flags. The benchmark fills the same object in
 * code; the JSON report repeats it so that a run can be reproduced.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LoadOptions {

    @Option(
            names = "--target",
            description = "Name of the broker under test, for the report (default: ${DEFAULT-VALUE}).")
    public String target = "broker";

    @Option(names = "--host", description = "Broker address, loopback only (default: ${DEFAULT-VALUE}).")
    public String host = "127.0.0.1";

    @Option(names = "--port", description = "Broker MQTT port (default: ${DEFAULT-VALUE}).")
    public int port = 1883;

    @Option(names = "--mqtt", description = "MQTT version: 3 (3.1.1) or 5 (default: ${DEFAULT-VALUE}).")
    public int mqttVersion = 5;

    @Option(
            names = "--qos",
            description = "QoS of publications and subscriptions: 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    public int qos = 1;

    @Option(names = "--payload", description = "Payload size in bytes, at least 8 (default: ${DEFAULT-VALUE}).")
    public int payloadSize = 100;

    @Option(
            names = "--rate",
            description =
                    "Messages per second per publisher; 0: as fast as the window allows (default: ${DEFAULT-VALUE}).")
    public double rate = 1;

    @Option(names = "--duration", description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
    public int durationSeconds = 10;

    @Option(
            names = {"-n", "--connections"},
            description = "The scenario's N: publishers, subscribers, pairs or sessions (default: ${DEFAULT-VALUE}).")
    public int connections = 1000;

    @Option(
            names = "--others",
            description =
                    "The scenario's few: wildcard subscribers (fan-in), publishers (fan-out) (default: ${DEFAULT-VALUE}).")
    public int others = 2;

    @Option(
            names = "--topics",
            description = "Distinct topics in fan-out and Kafka-to-MQTT (default: ${DEFAULT-VALUE}).")
    public int topics = 1;

    @Option(
            names = "--window",
            description = "Unacknowledged QoS 1/2 messages per connection (default: ${DEFAULT-VALUE}).")
    public int window = 20;

    @Option(names = "--threads", description = "Client event-loop threads (default: the number of cores).")
    public int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--connect-rate",
            description = "Connection attempts per second; 0: unpaced (default: ${DEFAULT-VALUE}).")
    public double connectRate = 0;

    @Option(names = "--max-pending-connects", description = "Handshakes in flight at once (default: ${DEFAULT-VALUE}).")
    public int maxPendingConnects = 500;

    @Option(
            names = "--drain",
            description = "Seconds to wait for the last deliveries after publishing stops (default: ${DEFAULT-VALUE}).")
    public int drainSeconds = 15;

    @Option(
            names = "--messages-per-session",
            description = "Persistent reconnect: messages queued for each offline session (default: ${DEFAULT-VALUE}).")
    public int messagesPerSession = 10;

    @Option(
            names = "--kafka",
            description = "Kafka bootstrap servers, for kafka-to-mqtt and kafka-raw (default: ${DEFAULT-VALUE}).")
    public String kafkaBootstrap = "127.0.0.1:9092";

    @Option(
            names = "--kafka-topic",
            description = "Kafka topic Wharf reads MQTT messages from (default: ${DEFAULT-VALUE}).")
    public String kafkaTopic = "mqtt.messages";

    @Option(names = "--acks", description = "kafka-raw: the producer's acks (default: ${DEFAULT-VALUE}).")
    public String acks = "all";

    @Option(
            names = "--kafka-in-flight",
            description = "kafka-raw: records the producer keeps unacknowledged at once (default: ${DEFAULT-VALUE}).")
    public int kafkaInFlight = KafkaClients.MAX_IN_FLIGHT_RECORDS;

    @Option(
            names = "--kafka-headers",
            description = "kafka-raw: record headers, none (as a backend writes) or wharf (the QoS and client-id"
                    + " headers Wharf's edge writes for a device's --qos message) (default: ${DEFAULT-VALUE}).")
    public String kafkaHeaders = "none";

    @Option(
            names = "--topic-prefix",
            description = "First level of every MQTT topic used (default: a fresh one per run).")
    public String topicPrefix = "load-" + Long.toString(System.currentTimeMillis(), 36);

    @JsonIgnore
    public ConnectSettings connectSettings() {
        MqttVersion version = mqttVersion == 3 ? MqttVersion.MQTT_3_1_1 : MqttVersion.MQTT_5;
        return new ConnectSettings(host, port, version, 60, true);
    }

    /** A copy to change for another run. */
    public LoadOptions copy() {
        LoadOptions copy = new LoadOptions();
        for (Field field : LoadOptions.class.getFields()) {
            try {
                field.set(copy, field.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return copy;
    }

    /** Rejects values no scenario can run with; returns every problem at once. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (qos < 0 || qos > 2) {
            problems.add("--qos must be 0, 1 or 2");
        }
        if (mqttVersion != 3 && mqttVersion != 5) {
            problems.add("--mqtt must be 3 or 5");
        }
        if (payloadSize < 8) {
            problems.add("--payload must be at least 8 bytes (the send time travels in it)");
        }
        if (connections < 1 || durationSeconds < 0 || window < 1 || threads < 1 || others < 0 || topics < 1) {
            problems.add(
                    "counts must be positive: --connections, --window, --threads, --topics; --duration and --others not negative");
        }
        if (kafkaInFlight < 1) {
            problems.add("--kafka-in-flight must be positive");
        }
        if (!kafkaHeaders.equals("none") && !kafkaHeaders.equals("wharf")) {
            problems.add("--kafka-headers must be none or wharf");
        }
        if (!host.startsWith("127.") && !host.equals("localhost")) {
            problems.add("--host must be a loopback address: load never leaves this machine");
        }
        return problems;
    }
}
