package io.wharf.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the embedded broker.
 *
 * @param storageDir where the broker keeps its log and metadata; formatted on first start
 * @param port the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param overrides broker settings that replace the defaults, for example a short retention
 * @param extraListeners listeners on 127.0.0.1 besides the PLAINTEXT one, for example a SASL_SSL
 *     listener of a test of a secured cluster; their settings go in {@code overrides} under {@code
 *     listener.name.<name in lower case>.}
 * @param scramUsers SCRAM users written into the storage when it is formatted, as {@code
 *     kafka-storage.sh format --add-scram} does
 */
public record EmbeddedKafkaSettings(
        Path storageDir,
        int port,
        Map<String, String> overrides,
        List<Listener> extraListeners,
        List<ScramUser> scramUsers) {

    public EmbeddedKafkaSettings {
        overrides = Map.copyOf(overrides);
        extraListeners = List.copyOf(extraListeners);
        scramUsers = List.copyOf(scramUsers);
    }

    public static EmbeddedKafkaSettings of(Path storageDir, int port) {
        return new EmbeddedKafkaSettings(storageDir, port, Map.of(), List.of(), List.of());
    }

    /** These settings with {@code more} broker settings on top of the overrides so far. */
    public EmbeddedKafkaSettings withOverrides(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(overrides);
        all.putAll(more);
        return new EmbeddedKafkaSettings(storageDir, port, all, extraListeners, scramUsers);
    }

    public EmbeddedKafkaSettings withListener(Listener listener) {
        List<Listener> all = new ArrayList<>(extraListeners);
        all.add(listener);
        return new EmbeddedKafkaSettings(storageDir, port, overrides, all, scramUsers);
    }

    public EmbeddedKafkaSettings withScramUser(ScramUser user) {
        List<ScramUser> all = new ArrayList<>(scramUsers);
        all.add(user);
        return new EmbeddedKafkaSettings(storageDir, port, overrides, extraListeners, all);
    }

    /**
     * A listener on 127.0.0.1.
     *
     * @param name the listener's name, for example {@code SASL_SSL}
     * @param securityProtocol {@code SSL}, {@code SASL_SSL}, {@code SASL_PLAINTEXT} or {@code PLAINTEXT}
     * @param port a port on 127.0.0.1, not 0: clients must be told where it is
     */
    public record Listener(String name, String securityProtocol, int port) {}

    /**
     * A SCRAM credential.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     */
    public record ScramUser(String mechanism, String name, String password) {

        /** Kafka's storage formatter takes credentials as {@code SCRAM-SHA-512=[name=alice,password=secret]}. */
        String formatterArgument() {
            return mechanism + "=[name=" + name + ",password=" + password + "]";
        }

        @Override
        public String toString() {
            return "ScramUser[" + mechanism + ", " + name + "]";
        }
    }
}
