package io.wharf.testing;

import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link KafkaProcess} runs: one embedded broker until the process is stopped. It
 * creates the ready file (its third argument) once the broker serves, and exits when the broker
 * cannot start, rather than leave Kafka's threads running without a broker.
 */
public final class KafkaProcessMain {

    private KafkaProcessMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka broker;
        try {
            broker = EmbeddedKafka.start(EmbeddedKafkaSettings.of(Path.of(args[0]), Integer.parseInt(args[1])));
            Files.createFile(Path.of(args[2]));
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
        new CountDownLatch(1).await();
    }
}
