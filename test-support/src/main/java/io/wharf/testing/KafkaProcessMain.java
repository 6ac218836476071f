package io.wharf.testing;

import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The process {@link KafkaProcess} runs: one embedded broker until the process is stopped. */
public final class KafkaProcessMain {

    private KafkaProcessMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka broker =
                EmbeddedKafka.start(EmbeddedKafkaSettings.of(Path.of(args[0]), Integer.parseInt(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
        new CountDownLatch(1).await();
    }
}
