package io.wharf.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the embedded broker.
 *
 * @param storageDir where the broker keeps its log and metadata; formatted on first start
 * @param port the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param overrides broker settings that replace the defaults, for example a short retention
 */
public record EmbeddedKafkaSettings(Path storageDir, int port, Map<String, String> overrides) {

    public EmbeddedKafkaSettings {
        overrides = Map.copyOf(overrides);
    }

    public static EmbeddedKafkaSettings of(Path storageDir, int port) {
        return new EmbeddedKafkaSettings(storageDir, port, Map.of());
    }
}
