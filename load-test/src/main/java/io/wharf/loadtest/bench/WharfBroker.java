package io.wharf.loadtest.bench;

import java.nio.file.Path;
import java.util.List;

/** Wharf as a user starts it: {@code wharf.jar} with its embedded Kafka, in a JVM of its own. */
final class WharfBroker extends ProcessBroker {

    private final int kafkaPort;

    private WharfBroker(ChildProcess process, int mqttPort, int kafkaPort) {
        super(process, mqttPort);
        this.kafkaPort = kafkaPort;
    }

    static WharfBroker start(Path wharfJar, Path workDirectory, List<String> jvmOptions) {
        int mqttPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        List<String> command = java(jvmOptions);
        command.addAll(List.of(
                "-jar", wharfJar.toString(),
                "--data-dir", workDirectory.resolve("wharf-data").toString(),
                "--bind", "127.0.0.1",
                "--mqtt-port", Integer.toString(mqttPort),
                "--http-port", "-1",
                "--embedded-kafka-port", Integer.toString(kafkaPort)));
        ChildProcess process =
                ChildProcess.start("wharf", command, workDirectory.resolve("wharf.log"), "Press Ctrl-C to stop.", 120);
        return new WharfBroker(process, mqttPort, kafkaPort);
    }

    @Override
    public String name() {
        return "wharf";
    }

    /** The embedded Kafka broker, for the raw-Kafka and Kafka-to-MQTT runs. */
    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    @Override
    public String guarantee() {
        return "a QoS 1 PUBACK after Kafka took the record with acks=all (embedded single-node Kafka: one replica, on disk as Kafka writes it); sessions and queues are in Kafka too";
    }

    @Override
    public boolean isJvm() {
        return true;
    }
}
