package io.wharf.loadtest.hivemq;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts HiveMQ CE with the configuration folder given, prints a ready line, and runs until the
 * process is stopped (SIGTERM runs HiveMQ's own shutdown).
 *
 * <p>Usage: {@code HiveMqRunner HOME}, where HOME holds {@code conf/config.xml}.
 */
public final class HiveMqRunner {

    public static final String READY = "HiveMQ CE is ready";

    private HiveMqRunner() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path extensions = Files.createDirectories(home.resolve("extensions"));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(Files.createDirectories(home.resolve("data")))
                .withExtensionsFolder(extensions)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join(), "hivemq-stop"));
        hivemq.start().join();
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
