package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.testing.KafkaRecords;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestDirectories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code wharf} command as a user runs it: the packaged jar in its own process, with its own
 * embedded Kafka, driven by mosquitto's command-line clients.
 */
@Timeout(240)
class WharfProcessIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dataDir = TestDirectories.newDirectory("wharf-data");
  private final int mqttPort = freePort();
  private final int httpPort = freePort();
  private final int kafkaPort = freePort();

  @Test
  void startsServesMqttThroughKafkaStopsOnSigtermAndKeepsItsData() throws Exception {
    MosquittoClients.requireInstalled();
    String bootstrap = "127.0.0.1:" + kafkaPort;

    try (WharfProcess wharf = WharfProcess.start(command())) {
      assertThat(wharf.output()).contains("tcp://0.0.0.0:" + mqttPort).contains("embedded");
      assertThat(httpStatus("/health/ready")).isEqualTo(200);
      assertThat(httpStatus("/health/live")).isEqualTo(200);

      try (MosquittoClients.Subscriber sub = MosquittoClients.subscribe(mqttPort, "home/#", "-q", "1")) {
        MosquittoClients.CommandResult pub = MosquittoClients.publish(mqttPort, "home/door", "open", "-q", "1");
        assertThat(pub.exitCode()).as(pub.output()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sub.messages()).containsExactly("home/door open"));
      }
      KafkaRecords.readUntil(bootstrap, "mqtt.messages", record -> "home/door".equals(key(record.key())), Duration.ofSeconds(20));

      long stopStarted = System.nanoTime();
      wharf.process.destroy(); // SIGTERM
      assertThat(wharf.process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s\n" + wharf.output()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(10));
    }

    try (WharfProcess again = WharfProcess.start(command())) {
      KafkaRecords.readUntil(bootstrap, "mqtt.messages", record -> "home/door".equals(key(record.key())), Duration.ofSeconds(20));
    }
  }

  @Test
  void aPortInUseIsReportedWithTheOptionToChange() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<String> command = new ArrayList<>(command());
      int index = command.indexOf("--embedded-kafka-port");
      command.set(index + 1, String.valueOf(taken.getLocalPort()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(output).contains("Port " + taken.getLocalPort()).contains("--embedded-kafka-port");
    }
  }

  private List<String> command() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-jar",
        System.getProperty("wharf.jar", "target/wharf.jar"),
        "--data-dir", dataDir.toString(),
        "--mqtt-port", String.valueOf(mqttPort),
        "--http-port", String.valueOf(httpPort),
        "--embedded-kafka-port", String.valueOf(kafkaPort));
  }

  private int httpStatus(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static String key(byte[] key) {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running {@code wharf} process whose console output is collected. */
  private static final class WharfProcess implements AutoCloseable {
    final Process process;
    private final StringBuilder output = new StringBuilder();

    private WharfProcess(Process process) {
      this.process = process;
    }

    static WharfProcess start(List<String> command) throws IOException {
      WharfProcess wharf = new WharfProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
      Thread reader = new Thread(wharf::collectOutput, "wharf-output");
      reader.setDaemon(true);
      reader.start();
      await().atMost(START_TIMEOUT).until(() -> wharf.output().contains("Press Ctrl-C to stop.") || !wharf.process.isAlive());
      assertThat(wharf.process.isAlive()).as(wharf.output()).isTrue();
      return wharf;
    }

    synchronized String output() {
      return output.toString();
    }

    private void collectOutput() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (this) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }
}
