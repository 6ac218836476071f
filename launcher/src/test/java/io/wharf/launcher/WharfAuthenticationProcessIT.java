package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged {@code wharf} and real Mosquitto tools: a file written by {@code wharf passwd} is
 * one the {@code mosquitto} broker accepts, and a file of {@code mosquitto_passwd} is one Wharf
 * accepts; beside an external Kafka, anonymous clients are refused.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(180)
class WharfAuthenticationProcessIT {

    private final Path dir = TestDirectories.newDirectory("wharf-auth");

    @Test
    void aFileWrittenByWharfPasswdIsAcceptedByMosquittoItself() throws Exception {
        MosquittoClients.requireInstalled();
        Path passwords = dir.resolve("passwords");
        assertThat(passwd(passwords, "alice", "alice secret")).isZero();
        int port = FreePorts.onLoopback();
        Path config = Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener " + port + " 127.0.0.1\n"
                        + "allow_anonymous false\n"
                        + "password_file " + passwords + "\n"
                        + "user root\n"
                        + "persistence false\n");
        Process mosquitto = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listening(port));
            MosquittoClients.CommandResult right =
                    MosquittoClients.publish(port, "auth/t", "hi", "-u", "alice", "-P", "alice secret");
            assertThat(right.exitCode()).as(right.output()).isZero();
            MosquittoClients.CommandResult wrong =
                    MosquittoClients.publish(port, "auth/t", "hi", "-u", "alice", "-P", "guess");
            assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void wharfBesideAnExternalKafkaChecksAMosquittoPasswordFileAndRefusesAnonymousClients(TestKafka kafka)
            throws Exception {
        MosquittoClients.requireInstalled();
        Path passwords = dir.resolve("mosquitto-passwords");
        Process made = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwords.toString(), "bob", "bob-secret")
                .redirectErrorStream(true)
                .start();
        assertThat(made.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(made.exitValue()).isZero();
        assertThat(passwd(passwords, "carol", "carol-secret")).isZero(); // beside bob, in the same file

        int port = FreePorts.onLoopback();
        try (WharfProcess wharf = WharfProcess.start(WharfProcess.command(
                "--kafka", kafka.bootstrapServers(),
                "--topic-prefix", "auth-" + UUID.randomUUID().toString().substring(0, 8) + ".",
                "--password-file", passwords.toString(),
                "--mqtt-port", String.valueOf(port),
                "--http-port", "-1",
                "--data-dir", dir.resolve("data").toString()))) {
            assertThat(wharf.output()).doesNotContain("WARNING: anonymous");
            MosquittoClients.CommandResult bob =
                    MosquittoClients.publish(port, "auth/t", "hi", "-u", "bob", "-P", "bob-secret");
            assertThat(bob.exitCode()).as(bob.output()).isZero();
            MosquittoClients.CommandResult carol =
                    MosquittoClients.publish(port, "auth/t", "hi", "-u", "carol", "-P", "carol-secret", "-V", "mqttv5");
            assertThat(carol.exitCode()).as(carol.output()).isZero();
            MosquittoClients.CommandResult wrong =
                    MosquittoClients.publish(port, "auth/t", "hi", "-u", "bob", "-P", "carol-secret");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.output()).containsIgnoringCase("bad user name or password");
            MosquittoClients.CommandResult anonymous = MosquittoClients.publish(port, "auth/t", "hi");
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.output()).containsIgnoringCase("not authori");
        }
    }

    /** Runs {@code wharf passwd FILE USER} with the password on standard input (not a terminal). */
    private static int passwd(Path file, String user, String password) throws Exception {
        List<String> command = new ArrayList<>(WharfProcess.command("passwd", file.toString(), user));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
