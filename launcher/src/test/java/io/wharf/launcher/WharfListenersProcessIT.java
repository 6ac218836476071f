package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.testing.FreePorts;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code listeners:} of a config file, as the packaged {@code wharf} command runs them. */
@Timeout(180)
class WharfListenersProcessIT {

    private final Path dataDir = TestDirectories.newDirectory("wharf-listeners");

    @Test
    void withTheMqttPortOffWharfServesOnTheListenersOfItsConfigFile() throws Exception {
        MosquittoClients.requireInstalled();
        int listenerPort = FreePorts.onLoopback();
        Path config = writeConfig(
                "mqtt-port: -1\nlisteners:\n  - kind: tcp\n    port: " + listenerPort + "\n    bind: 127.0.0.1\n");

        try (WharfProcess wharf = WharfProcess.start(command(config))) {
            assertThat(wharf.output())
                    .contains("MQTT    tcp 127.0.0.1:" + listenerPort)
                    .doesNotContain("tcp://");
            try (MosquittoClients.Subscriber sub = MosquittoClients.subscribe(listenerPort, "listeners/#", "-q", "1")) {
                MosquittoClients.CommandResult pub =
                        MosquittoClients.publish(listenerPort, "listeners/one", "served", "-q", "1");
                assertThat(pub.exitCode()).as(pub.output()).isZero();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(sub.messages()).containsExactly("listeners/one served"));
            }
        }
    }

    @Test
    void aPortUsedTwiceStopsWharfWithTheUsageExitCodeAndSaysWhich() throws Exception {
        Path config = writeConfig("mqtt-port: 1883\nlisteners:\n  - kind: ws\n    port: 1883\n");
        Process process =
                new ProcessBuilder(command(config)).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("port 1883 is used twice, by --mqtt-port and by listener 1 (ws)");
    }

    private Path writeConfig(String yaml) throws Exception {
        Path config = dataDir.resolve("wharf.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private java.util.List<String> command(Path config) {
        return WharfProcess.command(
                // no credentials: anonymous clients must be allowed explicitly beside an external Kafka or a config
                // file
                "--allow-anonymous", "true",
                "--config", config.toString(),
                "--data-dir", dataDir.toString(),
                "--http-port", String.valueOf(FreePorts.onLoopback()),
                "--embedded-kafka-port", String.valueOf(FreePorts.onLoopback()));
    }
}
