package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code wharf} command as a user runs it: the packaged jar in its own process, with its own
 * embedded Kafka, driven by mosquitto's command-line clients.
 */
@Timeout(240)
class WharfProcessIT {

    private final Path dataDir = TestDirectories.newDirectory("wharf-data");
    private final int mqttPort = FreePorts.onLoopback();
    private final int httpPort = FreePorts.onLoopback();
    private final int kafkaPort = FreePorts.onLoopback();

    @Test
    void startsServesMqttThroughKafkaStopsOnSigtermAndKeepsItsData() throws Exception {
        MosquittoClients.requireInstalled();
        String bootstrap = "127.0.0.1:" + kafkaPort;

        try (WharfProcess wharf = WharfProcess.start(command())) {
            assertThat(wharf.output())
                    .contains("tcp://0.0.0.0:" + mqttPort)
                    .contains("embedded")
                    .contains("WARNING: anonymous clients may connect"); // the laptop default lets everyone in
            assertThat(httpStatus("/health/ready")).isEqualTo(200);
            assertThat(httpStatus("/health/live")).isEqualTo(200);

            try (MosquittoClients.Subscriber sub = MosquittoClients.subscribe(mqttPort, "home/#", "-q", "1")) {
                MosquittoClients.CommandResult pub = MosquittoClients.publish(mqttPort, "home/door", "open", "-q", "1");
                assertThat(pub.exitCode()).as(pub.output()).isZero();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(sub.messages()).containsExactly("home/door open"));
            }
            KafkaRecords.readUntil(
                    bootstrap,
                    "mqtt.messages",
                    record -> "home/door".equals(key(record.key())),
                    Duration.ofSeconds(20));

            assertThat(wharf.stop(Duration.ofSeconds(10)))
                    .as("stopped within 10 s on SIGTERM\n" + wharf.output())
                    .isTrue();
        }

        List<String> inJson = new ArrayList<>(command());
        inJson.addAll(List.of("--log-format", "json"));
        try (WharfProcess again = WharfProcess.start(inJson)) {
            KafkaRecords.readUntil(
                    bootstrap,
                    "mqtt.messages",
                    record -> "home/door".equals(key(record.key())),
                    Duration.ofSeconds(20));
        }
        // The second run wrote its lines to the same log file, each one JSON object.
        List<String> lines = Files.readAllLines(dataDir.resolve("logs").resolve("wharf.log"));
        List<JsonNode> json = lines.stream()
                .filter(line -> line.startsWith("{"))
                .map(WharfProcessIT::json)
                .toList();
        assertThat(json)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.has("@timestamp")
                                && line.has("level")
                                && line.has("logger_name")
                                && line.has("message"))
                        .isTrue());
        assertThat(lines.get(lines.size() - 1)).startsWith("{");
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPortInUseIsReportedWithTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> command = new ArrayList<>(command());
            int index = command.indexOf("--embedded-kafka-port");
            command.set(index + 1, String.valueOf(taken.getLocalPort()));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output).contains("Port " + taken.getLocalPort()).contains("--embedded-kafka-port");
        }
    }

    /** The user's Kafka client settings reach every client: here one the broker cannot speak. */
    @Test
    void kafkaSettingsThatDoNotMatchTheBrokerGiveAClearErrorAndExitCodeNotAHang() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().put("WHARF_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SSL");
        Process process = builder.start();
        // Read while it runs, so that a full pipe never holds the process up.
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(process.waitFor(180, TimeUnit.SECONDS))
                .as("wharf exits by itself")
                .isTrue();
        String output = read.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output)
                .contains("could not start")
                .contains("kafka-properties security.protocol")
                .contains("check that they match the cluster's listener");
    }

    private List<String> command() {
        return WharfProcess.command(
                "--data-dir", dataDir.toString(),
                "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", String.valueOf(httpPort),
                "--embedded-kafka-port", String.valueOf(kafkaPort));
    }

    private int httpStatus(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static String key(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }
}
