package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.SaslSslKafka;
import io.wharf.testing.TestCertificates;
import io.wharf.testing.TestDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged {@code wharf} against a Kafka that needs SASL/SCRAM over TLS, as production clusters
 * do: with the matching {@code kafka-properties:} the whole MQTT path runs through it; with a wrong
 * password or truststore Wharf ends by itself with one line that says what to fix. The password
 * never reaches the console or the logs.
 */
@Timeout(180)
class SaslSslKafkaIT {

    private static final String USER = "wharf";
    private static final String PASSWORD = "scram-secret-4711";
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);

    private static SaslSslKafka kafka;

    private final Path dataDir = TestDirectories.newDirectory("wharf-sasl");
    private final int mqttPort = FreePorts.onLoopback();

    @BeforeAll
    static void startSecuredKafka() {
        kafka = SaslSslKafka.start(USER, PASSWORD);
    }

    @AfterAll
    static void stopSecuredKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withTheMatchingKafkaPropertiesTheWholePubSubPathRunsThroughSaslSsl() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(command(kafka.clientProperties()))) {
            String broker = "tcp://127.0.0.1:" + mqttPort;
            MqttClient subscriber = new MqttClient(broker, "sasl-subscriber", new MemoryPersistence());
            subscriber.connect(options(false));
            subscriber.subscribe("plant/#", 1);
            subscriber.disconnect();

            MqttClient publisher = new MqttClient(broker, "sasl-publisher", new MemoryPersistence());
            publisher.connect(options(true));
            publisher.publish("plant/valve", "open".getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.publish("plant/state", "running".getBytes(StandardCharsets.UTF_8), 1, true);
            publisher.disconnect();

            // The persistent session gets what was published while it was away.
            Queue<String> queued = new ConcurrentLinkedQueue<>();
            subscriber.setCallback(collectInto(queued));
            subscriber.connect(options(false));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(queued).containsExactlyInAnyOrder("plant/valve open", "plant/state running"));
            subscriber.disconnect();

            MqttClient newcomer = new MqttClient(broker, "sasl-newcomer", new MemoryPersistence());
            Queue<String> retained = new ConcurrentLinkedQueue<>();
            newcomer.setCallback(collectInto(retained));
            newcomer.connect(options(true));
            newcomer.subscribe("plant/state", 1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(retained).containsExactly("plant/state running retained"));
            newcomer.disconnect();

            KafkaRecords.readUntil(
                    kafka.bootstrapServers(),
                    kafka.clientProperties(),
                    "mqtt.messages",
                    record -> "plant/valve".equals(new String(record.key(), StandardCharsets.UTF_8)),
                    Duration.ofSeconds(20));

            assertThat(wharf.stop(Duration.ofSeconds(15))).isTrue();
            assertThat(wharf.output()).doesNotContain(PASSWORD);
        }
        assertThat(logs()).doesNotContain(PASSWORD).contains("sasl.jaas.config = [hidden]");
    }

    @Test
    void aWrongPasswordEndsStartupWithOneLineAboutTheCredentialsAndExitCode1() throws Exception {
        String wrongPassword = "not-the-password-0815";
        Finished finished = run(command(kafka.clientProperties(wrongPassword, kafka.caCertificate())));

        assertThat(finished.exitCode()).as(finished.output()).isEqualTo(1);
        assertThat(errorLines(finished.output()))
                .as(finished.output())
                .singleElement()
                .asString()
                .contains("Kafka at " + kafka.bootstrapServers() + " refused Wharf's credentials")
                .contains("SaslAuthenticationException")
                .contains("sasl.jaas.config in kafka-properties");
        assertThat(finished.output() + logs()).doesNotContain(wrongPassword).doesNotContain("ScramLoginModule");
    }

    @Test
    void aTruststoreWithoutTheBrokersCaEndsStartupWithOneLineAboutTlsAndExitCode1() throws Exception {
        Path otherCa = TestCertificates.inNewDirectory("other").ca("other-ca");
        Finished finished = run(command(kafka.clientProperties(PASSWORD, otherCa)));

        assertThat(finished.exitCode()).as(finished.output()).isEqualTo(1);
        assertThat(errorLines(finished.output()))
                .as(finished.output())
                .singleElement()
                .asString()
                .contains("the TLS handshake with Kafka at " + kafka.bootstrapServers() + " failed")
                .contains("ssl.truststore.location in kafka-properties");
        assertThat(finished.output() + logs()).doesNotContain(PASSWORD);
    }

    private List<String> command(Map<String, String> kafkaProperties) throws IOException {
        StringBuilder yaml = new StringBuilder("kafka-properties:\n");
        kafkaProperties.forEach((key, value) -> yaml.append("  ")
                .append(key)
                .append(": '")
                .append(value.replace("'", "''"))
                .append("'\n"));
        Path config = dataDir.resolve("wharf.yaml");
        Files.writeString(config, yaml);
        return WharfProcess.command(
                // no credentials: anonymous clients must be allowed explicitly beside an external Kafka or a config
                // file
                "--allow-anonymous", "true",
                "--config", config.toString(),
                "--kafka", kafka.bootstrapServers(),
                "--data-dir", dataDir.toString(),
                "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", "-1");
    }

    /** Runs wharf until it ends by itself, which it must within {@link #EXIT_LIMIT}. */
    private static Finished run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read while it runs, so that a full pipe never holds the process up.
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean exited = process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = read.get(10, TimeUnit.SECONDS);
        assertThat(exited)
                .as("wharf ends by itself within " + EXIT_LIMIT + "\n" + output)
                .isTrue();
        return new Finished(process.exitValue(), output);
    }

    /** The lines of Wharf's own error report on the console. */
    private static List<String> errorLines(String output) {
        return output.lines().filter(line -> line.startsWith("wharf: ")).toList();
    }

    /** Everything Wharf and its Kafka clients logged to files. */
    private String logs() throws IOException {
        Path logDir = dataDir.resolve("logs");
        if (!Files.isDirectory(logDir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.map(file -> {
                        try {
                            return Files.readString(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        return options;
    }

    private static MqttCallback collectInto(Queue<String> messages) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)
                        + (message.isRetained() ? " retained" : ""));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        };
    }

    private record Finished(int exitCode, String output) {}
}
