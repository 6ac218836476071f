package io.wharf.loadtest.scaleout;

import java.nio.file.Path;
import java.util.List;

/**
 * The one place where the flags of a scale-out edge ({@code wharf --kafka ...}) are built. Its load
 * clients bring no credentials, which an edge beside an external Kafka lets in only when told.
 */
final class EdgeFlags {

    /**
     * For edges that run no router: the Kafka process runs it for the cluster, as dedicated router
     * processes would, so an edge's CPU and memory are the edge's own.
     */
    static final List<String> NO_ROUTER = List.of("--router", "false");

    private EdgeFlags() {}

    static List<String> of(String kafkaBootstrap, String nodeId, int mqttPort, int httpPort, Path dataDir) {
        return List.of(
                "--allow-anonymous",
                "true",
                "--kafka",
                kafkaBootstrap,
                "--node-id",
                nodeId,
                "--bind",
                "127.0.0.1",
                "--mqtt-port",
                Integer.toString(mqttPort),
                "--http-port",
                Integer.toString(httpPort),
                "--data-dir",
                dataDir.toString());
    }

    /**
     * The Kafka process: a {@code wharf} with its embedded broker, so Kafka (with the router and an
     * edge no client uses beside it; wharf refuses to start with no MQTT listener) runs in a process
     * of its own whose CPU is read apart from the edges'.
     */
    static List<String> kafkaProcess(int kafkaPort, int unusedMqttPort, Path dataDir) {
        return List.of(
                "--embedded-kafka-port",
                Integer.toString(kafkaPort),
                "--bind",
                "127.0.0.1",
                "--mqtt-port",
                Integer.toString(unusedMqttPort),
                "--http-port",
                "-1",
                "--data-dir",
                dataDir.toString(),
                "--node-id",
                "kafka");
    }
}
