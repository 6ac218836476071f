package io.wharf.testing;

import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import java.nio.file.Path;

/**
 * One embedded single-node broker per test JVM, started on first use and stopped when the JVM
 * exits, so that a suite pays its start-up once. Tests share it, so each test uses its own topic
 * names or prefixes.
 */
public final class SharedKafka implements TestKafka {

    private static SharedKafka instance;

    private final EmbeddedKafka broker;

    private SharedKafka(EmbeddedKafka broker) {
        this.broker = broker;
    }

    public static synchronized SharedKafka get() {
        if (instance == null) {
            Path storage = TestDirectories.newDirectory("kafka");
            EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafkaSettings.of(storage, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-stop"));
            instance = new SharedKafka(broker);
        }
        return instance;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
